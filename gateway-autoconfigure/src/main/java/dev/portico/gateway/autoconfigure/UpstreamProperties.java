package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.portico.gateway.upstream.UpstreamProtocol;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * One named upstream: its nodes and how to talk to them. Unset values take the engine's defaults. See
 * docs/upstreams.md.
 */
public class UpstreamProperties {

    /** The upstream's nodes; requests are spread over them by the load balancer. */
    private List<NodeProperties> nodes = new ArrayList<>();

    /**
     * HTTP version spoken to the nodes: http1.1, h2 (HTTP/2 over TLS, negotiated with ALPN, falling back to HTTP/1.1;
     * https nodes) or h2c (HTTP/2 over cleartext with prior knowledge; http nodes). Default: http1.1.
     */
    private @Nullable UpstreamProtocol protocol;

    /** TLS to the https nodes: trusted certificates, client certificate and server name. */
    @NestedConfigurationProperty
    private final UpstreamTlsProperties tls = new UpstreamTlsProperties();

    /** Connect, response and overall timeouts of the upstream. */
    @NestedConfigurationProperty
    private final TimeoutProperties timeouts = new TimeoutProperties();

    /** Load-balancing policy. */
    @NestedConfigurationProperty
    private final LoadBalancerProperties loadBalancer = new LoadBalancerProperties();

    /** Active health checks. */
    @NestedConfigurationProperty
    private final HealthCheckProperties healthCheck = new HealthCheckProperties();

    /** Passive health checks: outlier ejection and slow start. */
    @NestedConfigurationProperty
    private final OutlierDetectionProperties outlierDetection = new OutlierDetectionProperties();

    /** Retries; routes may override. */
    @NestedConfigurationProperty
    private final RetryProperties retry = new RetryProperties();

    /** Hedging delay for idempotent requests: a second attempt after this long without response; unset for none. */
    private @Nullable Duration hedgeDelay;

    /** Circuit breaker; routes may have their own. */
    @NestedConfigurationProperty
    private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

    /** Connection pool of this upstream; unset values come from portico.pool. */
    @NestedConfigurationProperty
    private final PoolProperties pool = new PoolProperties();

    /** Whether requests still go to all nodes when none is available (panic mode) instead of failing with 503. */
    private boolean panic;

    public List<NodeProperties> getNodes() {
        return this.nodes;
    }

    public void setNodes(List<NodeProperties> nodes) {
        this.nodes = nodes;
    }

    public @Nullable UpstreamProtocol getProtocol() {
        return this.protocol;
    }

    public void setProtocol(@Nullable UpstreamProtocol protocol) {
        this.protocol = protocol;
    }

    public UpstreamTlsProperties getTls() {
        return this.tls;
    }

    public TimeoutProperties getTimeouts() {
        return this.timeouts;
    }

    public LoadBalancerProperties getLoadBalancer() {
        return this.loadBalancer;
    }

    public HealthCheckProperties getHealthCheck() {
        return this.healthCheck;
    }

    public OutlierDetectionProperties getOutlierDetection() {
        return this.outlierDetection;
    }

    public RetryProperties getRetry() {
        return this.retry;
    }

    public @Nullable Duration getHedgeDelay() {
        return this.hedgeDelay;
    }

    public void setHedgeDelay(@Nullable Duration hedgeDelay) {
        this.hedgeDelay = hedgeDelay;
    }

    public CircuitBreakerProperties getCircuitBreaker() {
        return this.circuitBreaker;
    }

    public PoolProperties getPool() {
        return this.pool;
    }

    public boolean isPanic() {
        return this.panic;
    }

    public void setPanic(boolean panic) {
        this.panic = panic;
    }
}
