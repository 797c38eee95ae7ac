package dev.portico.gateway.proxy;

import java.time.Duration;

import dev.portico.gateway.upstream.Upstream;
import dev.portico.gateway.upstream.UpstreamNode;
import dev.portico.gateway.upstream.WeightedRoundRobin;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The Reactor Netty client for one upstream, built once: a pool of keep-alive connections shared by its nodes, the
 * connect timeout, and a balancer. Every {@code HttpClient} configuration call copies the client, so nothing here is
 * configured per request; per-request values (the response timeout) are set on the request itself.
 */
public final class UpstreamClient implements AutoCloseable {

    private final Upstream upstream;
    private final ConnectionProvider pool;
    private final HttpClient client;
    private final WeightedRoundRobin balancer;

    public UpstreamClient(Upstream upstream, PoolSettings pool) {
        this.upstream = upstream;
        this.pool = ConnectionProvider.builder("portico-" + upstream.name())
                .maxConnections(pool.maxConnections())
                .pendingAcquireTimeout(pool.pendingAcquireTimeout())
                .maxIdleTime(pool.maxIdleTime())
                .build();
        HttpClient client = HttpClient.create(this.pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) upstream.timeouts().connect().toMillis())
                .keepAlive(true)
                .followRedirect(false)
                .compress(false);
        if (upstream.nodes().stream().anyMatch(UpstreamNode::secure)) {
            client = client.secure();
        }
        this.client = client;
        this.balancer = new WeightedRoundRobin(upstream.nodes());
    }

    public Upstream upstream() {
        return this.upstream;
    }

    /** The shared client (the upstream's connect timeout). */
    public HttpClient client() {
        return this.client;
    }

    /** A client sharing this pool with another connect timeout: for a route override, built when routes compile. */
    public HttpClient withConnectTimeout(Duration connect) {
        return this.client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connect.toMillis());
    }

    public UpstreamNode nextNode() {
        return this.balancer.next();
    }

    @Override
    public void close() {
        this.pool.disposeLater().subscribe();
    }

    /**
     * Closes the pool after a grace period: requests still running on a replaced route table may yet need a
     * connection from it.
     */
    public void closeAfter(Duration grace) {
        Mono.delay(grace).then(this.pool.disposeLater()).subscribe();
    }

    /** Connection pool limits of an upstream. */
    public record PoolSettings(int maxConnections, Duration pendingAcquireTimeout, Duration maxIdleTime) {

        public static final PoolSettings DEFAULTS = new PoolSettings(512, Duration.ofSeconds(10), Duration.ofSeconds(30));

        public PoolSettings {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("max-connections: " + maxConnections + " (expected: >= 1)");
            }
        }
    }
}
