package dev.portico.gateway.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * A named set of nodes that routes send traffic to, and how to talk to them: load balancing, the
 * {@link TrafficPolicy} (timeouts, retries, hedging, circuit breaker), the connection pool, TLS and the HTTP version.
 * Immutable; built once per configuration. Its traffic policy is complete: what it leaves unset is taken from
 * {@link TrafficPolicy#DEFAULTS} when it is built, and routes override it field by field ({@link TrafficPolicy#over}).
 *
 * <pre>{@code
 * Upstream users = Upstream.builder("users")
 *         .node("http://10.0.0.1:8080", 3)
 *         .node("http://10.0.0.2:8080", 1)
 *         .timeouts(Timeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10)))
 *         .retry(RetryPolicy.builder().attempts(3).build())
 *         .build();
 * }</pre>
 */
public final class Upstream {

    private final String name;
    private final List<UpstreamNode> nodes;
    private final TrafficPolicy policy;
    private final LoadBalancerSpec loadBalancer;
    private final @Nullable PoolSettings pool;
    private final boolean panic;
    private final @Nullable HealthCheckSpec healthCheck;
    private final @Nullable OutlierDetectionSpec outlierDetection;
    private final @Nullable UpstreamTls tls;
    private final UpstreamProtocol protocol;

    private Upstream(Builder b) {
        this.name = b.name;
        if (b.nodes.isEmpty()) {
            throw InvalidSpecException.withMessage("upstream '" + b.name + "' has no nodes (expected at least one uri)",
                    "nodes", "upstream '" + b.name + "' has no nodes",
                    "add at least one node: nodes: [{ uri: http://host:port }]");
        }
        this.nodes = List.copyOf(b.nodes);
        this.policy = b.policy.build().over(TrafficPolicy.DEFAULTS);
        this.loadBalancer = b.loadBalancer;
        this.pool = b.pool;
        this.panic = b.panic;
        this.healthCheck = b.healthCheck;
        this.outlierDetection = b.outlierDetection;
        this.tls = b.tls;
        this.protocol = b.protocol;
        checkSchemes();
    }

    /** TLS settings need an https node; h2 needs TLS on every node, h2c cleartext on every node. */
    private void checkSchemes() {
        if (this.tls != null && this.nodes.stream().noneMatch(UpstreamNode::secure)) {
            throw schemes("tls", "has tls settings but no https node", "expected node uris https://host:port");
        }
        for (UpstreamNode node : this.nodes) {
            if (this.protocol == UpstreamProtocol.H2 && !node.secure()) {
                throw schemes("protocol", "uses protocol h2 (HTTP/2 over TLS) but node '" + node.uri() + "' is cleartext",
                        "expected https nodes, or protocol h2c for HTTP/2 without TLS");
            }
            if (this.protocol == UpstreamProtocol.H2C && node.secure()) {
                throw schemes("protocol", "uses protocol h2c (cleartext HTTP/2) but node '" + node.uri()
                        + "' uses TLS", "expected http nodes, or protocol h2 for HTTP/2 over TLS");
            }
        }
    }

    private InvalidSpecException schemes(String property, String problem, String fix) {
        String text = "upstream '" + this.name + "' " + problem;
        return InvalidSpecException.withMessage(text + " (" + fix + ")", property, text, fix);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** An upstream of one node, as a route's {@code uri} makes. */
    public static Upstream single(String name, UpstreamNode node) {
        return builder(name).node(node).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(this.name);
        b.nodes.addAll(this.nodes);
        b.policy = this.policy.toBuilder();
        b.loadBalancer = this.loadBalancer;
        b.pool = this.pool;
        b.panic = this.panic;
        b.healthCheck = this.healthCheck;
        b.outlierDetection = this.outlierDetection;
        b.tls = this.tls;
        b.protocol = this.protocol;
        return b;
    }

    public String name() {
        return this.name;
    }

    public List<UpstreamNode> nodes() {
        return this.nodes;
    }

    /** Timeouts, retries, hedging and circuit breaker, with the engine's defaults for what the upstream left unset. */
    public TrafficPolicy policy() {
        return this.policy;
    }

    /** Connect and response timeouts are always set; overall may be null. */
    public Timeouts timeouts() {
        return this.policy.timeouts();
    }

    /**
     * The load-balancing policy (default smooth weighted round-robin). Its slow-start window, when unset, comes from
     * outlier detection.
     */
    public LoadBalancerSpec loadBalancer() {
        return this.loadBalancer;
    }

    /** The retry policy; {@link RetryPolicy#none()} unless set. */
    public RetryPolicy retry() {
        return Objects.requireNonNull(this.policy.retry(), "retry"); // DEFAULTS sets it
    }

    public @Nullable Hedging hedging() {
        return this.policy.hedging();
    }

    /** The upstream's circuit breaker, or {@code null} for none. */
    public @Nullable CircuitBreaker circuitBreaker() {
        return this.policy.circuitBreaker();
    }

    /** Pool limits, or {@code null} for the gateway's defaults. */
    public @Nullable PoolSettings pool() {
        return this.pool;
    }

    /**
     * Whether, when no node is available (all failing active checks or ejected), requests still go to all nodes
     * (panic mode) instead of failing fast with 503.
     */
    public boolean panic() {
        return this.panic;
    }

    /** The active health check, or {@code null} for none. */
    public @Nullable HealthCheckSpec healthCheck() {
        return this.healthCheck;
    }

    /** Passive health checking (outlier ejection, slow start), or {@code null} for none. */
    public @Nullable OutlierDetectionSpec outlierDetection() {
        return this.outlierDetection;
    }

    /** How https nodes are verified and the gateway's client certificate, or {@code null} for the JVM's defaults. */
    public @Nullable UpstreamTls tls() {
        return this.tls;
    }

    /** The HTTP version spoken to the nodes (default HTTP/1.1). */
    public UpstreamProtocol protocol() {
        return this.protocol;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Upstream u && u.name.equals(this.name) && u.nodes.equals(this.nodes)
                && u.policy.equals(this.policy) && u.loadBalancer.equals(this.loadBalancer)
                && Objects.equals(u.pool, this.pool)
                && u.panic == this.panic && Objects.equals(u.healthCheck, this.healthCheck)
                && Objects.equals(u.outlierDetection, this.outlierDetection)
                && Objects.equals(u.tls, this.tls) && u.protocol == this.protocol;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.name, this.nodes, this.policy);
    }

    @Override
    public String toString() {
        return "Upstream[" + this.name + " " + this.nodes + "]";
    }

    /** Builds an {@link Upstream}. */
    public static final class Builder {

        private final String name;
        private final List<UpstreamNode> nodes = new ArrayList<>();
        private TrafficPolicy.Builder policy = TrafficPolicy.builder();
        private LoadBalancerSpec loadBalancer = LoadBalancerSpec.DEFAULT;
        private @Nullable PoolSettings pool;
        private boolean panic;
        private @Nullable HealthCheckSpec healthCheck;
        private @Nullable OutlierDetectionSpec outlierDetection;
        private @Nullable UpstreamTls tls;
        private UpstreamProtocol protocol = UpstreamProtocol.HTTP1_1;

        private Builder(String name) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("upstream name is blank");
            }
            this.name = name;
        }

        public Builder node(String uri) {
            return node(UpstreamNode.of(uri));
        }

        public Builder node(String uri, int weight) {
            return node(UpstreamNode.of(java.net.URI.create(uri), weight));
        }

        public Builder node(UpstreamNode node) {
            this.nodes.add(Objects.requireNonNull(node, "node"));
            return this;
        }

        /** Replaces the nodes (for a new version of the upstream, e.g. from discovery). */
        public Builder nodes(List<UpstreamNode> nodes) {
            this.nodes.clear();
            nodes.forEach(this::node);
            return this;
        }

        /** Replaces the traffic policy; unset fields take the engine's defaults. */
        public Builder policy(TrafficPolicy policy) {
            this.policy = policy.toBuilder();
            return this;
        }

        /** Sets the policy's timeouts; unset ones take the engine's defaults. */
        public Builder timeouts(Timeouts timeouts) {
            this.policy.timeouts(timeouts);
            return this;
        }

        public Builder loadBalancer(LoadBalancerSpec loadBalancer) {
            this.loadBalancer = Objects.requireNonNull(loadBalancer, "loadBalancer");
            return this;
        }

        /** Sets the policy's retry policy. */
        public Builder retry(RetryPolicy retry) {
            this.policy.retry(Objects.requireNonNull(retry, "retry"));
            return this;
        }

        /** Sets the policy's hedging; {@code null} for none. */
        public Builder hedging(@Nullable Hedging hedging) {
            this.policy.hedging(hedging);
            return this;
        }

        /** Sets the policy's circuit breaker; {@code null} for none. */
        public Builder circuitBreaker(@Nullable CircuitBreaker circuitBreaker) {
            this.policy.circuitBreaker(circuitBreaker);
            return this;
        }

        public Builder pool(@Nullable PoolSettings pool) {
            this.pool = pool;
            return this;
        }

        public Builder panic(boolean panic) {
            this.panic = panic;
            return this;
        }

        public Builder healthCheck(@Nullable HealthCheckSpec healthCheck) {
            this.healthCheck = healthCheck;
            return this;
        }

        public Builder outlierDetection(@Nullable OutlierDetectionSpec outlierDetection) {
            this.outlierDetection = outlierDetection;
            return this;
        }

        /** TLS to the https nodes; {@code null} (the default) for the JVM's default trust and no client certificate. */
        public Builder tls(@Nullable UpstreamTls tls) {
            this.tls = tls;
            return this;
        }

        /** The HTTP version spoken to the nodes; default {@link UpstreamProtocol#HTTP1_1}. */
        public Builder protocol(UpstreamProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * @throws InvalidSpecException when there is no node ({@code nodes}), or the nodes' schemes do not fit the TLS
         * settings ({@code tls}) or the protocol ({@code protocol})
         */
        public Upstream build() {
            return new Upstream(this);
        }
    }
}
