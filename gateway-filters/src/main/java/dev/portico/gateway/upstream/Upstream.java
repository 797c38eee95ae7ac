package dev.portico.gateway.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named set of nodes that routes send traffic to, with its timeouts. Immutable; built once per configuration.
 * Requests are spread over the nodes by smooth weighted round-robin.
 *
 * <pre>{@code
 * Upstream users = Upstream.builder("users")
 *         .node("http://10.0.0.1:8080", 3)
 *         .node("http://10.0.0.2:8080", 1)
 *         .timeouts(Timeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10)))
 *         .build();
 * }</pre>
 */
public final class Upstream {

    private final String name;
    private final List<UpstreamNode> nodes;
    private final Timeouts timeouts;

    private Upstream(Builder b) {
        this.name = b.name;
        if (b.nodes.isEmpty()) {
            throw new IllegalArgumentException("upstream '" + b.name + "' has no nodes (expected at least one uri)");
        }
        this.nodes = List.copyOf(b.nodes);
        this.timeouts = b.timeouts.orElse(Timeouts.defaults());
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** An upstream of one node, as a route's {@code uri} makes. */
    public static Upstream single(String name, UpstreamNode node) {
        return builder(name).node(node).build();
    }

    public String name() {
        return this.name;
    }

    public List<UpstreamNode> nodes() {
        return this.nodes;
    }

    /** Both timeouts set. */
    public Timeouts timeouts() {
        return this.timeouts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Upstream u && u.name.equals(this.name) && u.nodes.equals(this.nodes)
                && u.timeouts.equals(this.timeouts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.name, this.nodes, this.timeouts);
    }

    @Override
    public String toString() {
        return "Upstream[" + this.name + " " + this.nodes + "]";
    }

    /** Builds an {@link Upstream}. */
    public static final class Builder {

        private final String name;
        private final List<UpstreamNode> nodes = new ArrayList<>();
        private Timeouts timeouts = Timeouts.inherit();

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

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        public Upstream build() {
            return new Upstream(this);
        }
    }
}
