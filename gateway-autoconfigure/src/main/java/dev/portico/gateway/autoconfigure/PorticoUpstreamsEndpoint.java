package dev.portico.gateway.autoconfigure;

import java.util.List;

import dev.portico.gateway.proxy.UpstreamCluster;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.upstream.health.UpstreamHealth;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/portico-upstreams}: what health checking knows about every node of every upstream (active verdict,
 * ejection and its remaining time, requests in flight, latency average, slow-start ramp).
 */
@Endpoint(id = "portico-upstreams")
public final class PorticoUpstreamsEndpoint {

    private final Gateway gateway;

    public PorticoUpstreamsEndpoint(Gateway gateway) {
        this.gateway = gateway;
    }

    @ReadOperation
    public List<UpstreamHealth> upstreams() {
        return this.gateway.upstreamHealth();
    }

    @ReadOperation
    public @Nullable UpstreamHealth upstream(@Selector String name) {
        UpstreamCluster cluster = this.gateway.upstream(name);
        return cluster == null ? null : cluster.health();
    }
}
