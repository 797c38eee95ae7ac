package dev.portico.gateway.route;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.upstream.Hedging;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Timeouts;
import dev.portico.gateway.upstream.TrafficPolicy;
import dev.portico.gateway.upstream.UpstreamNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * A route: which requests it takes ({@link RouteMatch}), where they go (a URI or a named upstream) and the filters
 * they pass, and its {@link TrafficPolicy}: what it sets (say a response timeout) overrides the upstream's, the rest
 * is the upstream's ({@link TrafficPolicy#over}). Immutable and validated on {@link Builder#build()}; compiled into
 * the {@link RouteTable}.
 *
 * <pre>{@code
 * Route users = Route.builder("users")
 *         .match(m -> m.path("/api/users/**").methods("GET", "POST"))
 *         .uri("http://127.0.0.1:9001")
 *         .filter(StripPrefixFilter.of(1))
 *         .build();
 * }</pre>
 *
 * <p>Precedence among routes that match one request: lower {@link #order()} first, then the more specific path
 * (more literal segments, then a fixed length over a trailing {@code /**}, then more {@code {variable}} or
 * {@code *} segments), then the route declared first. A path template beats a regex path, which beats no path.
 */
public final class Route {

    private final String id;
    private final int order;
    private final RouteMatch match;
    private final @Nullable UpstreamNode uri;
    private final @Nullable String upstream;
    private final @Nullable TrafficSplit split;
    private final @Nullable Fallback fallback;
    private final List<GatewayFilter> filters;
    private final boolean defaultFilters;
    private final boolean publicAccess;
    private final TrafficPolicy policy;
    private final Map<String, String> metadata;

    private Route(Builder b) {
        this.id = b.id;
        int targets = (b.uri != null ? 1 : 0) + (b.upstream != null ? 1 : 0) + (b.split != null ? 1 : 0);
        if (targets != 1) {
            // none: name uri, the usual target; too many: name the later one in uri, upstream, split order
            String property = targets == 0 ? "uri" : b.split != null ? "split" : "upstream";
            throw new RouteDefinitionException(b.id, property,
                    targets == 0 ? "the route has no target" : "more than one of uri, upstream and split is set",
                    "expected exactly one of uri: http://host:port, upstream: <name> or split: { targets: [...] }");
        }
        if (!b.match.hasConditions()) {
            throw new RouteDefinitionException(b.id, "match", "the route states no condition, so it would take every request",
                    "give it a path (write path: /** to take every request on purpose) or another condition");
        }
        this.order = b.order;
        this.match = b.match;
        this.uri = b.uri;
        this.upstream = b.upstream;
        this.split = b.split;
        this.fallback = b.fallback;
        this.filters = List.copyOf(b.filters);
        this.defaultFilters = b.defaultFilters;
        this.publicAccess = b.publicAccess;
        this.policy = b.policy.build();
        this.metadata = Map.copyOf(b.metadata);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        Builder b = new Builder(this.id);
        b.order = this.order;
        b.match = this.match;
        b.uri = this.uri;
        b.upstream = this.upstream;
        b.split = this.split;
        b.fallback = this.fallback;
        b.filters.addAll(this.filters);
        b.defaultFilters = this.defaultFilters;
        b.publicAccess = this.publicAccess;
        b.policy = this.policy.toBuilder();
        b.metadata.putAll(this.metadata);
        return b;
    }

    public String id() {
        return this.id;
    }

    /** Explicit precedence: lower first; default 0. */
    public int order() {
        return this.order;
    }

    public RouteMatch match() {
        return this.match;
    }

    /** The single target node, or {@code null} when the route names an {@link #upstream()}. */
    public @Nullable UpstreamNode uri() {
        return this.uri;
    }

    /** The name of the upstream the route sends to, or {@code null} when it has a {@link #uri()}. */
    public @Nullable String upstream() {
        return this.upstream;
    }

    /** The traffic split across upstreams (a canary release), or {@code null} for a single target. */
    public @Nullable TrafficSplit split() {
        return this.split;
    }

    /** What the route answers when its upstream cannot, or {@code null} for a problem response. */
    public @Nullable Fallback fallback() {
        return this.fallback;
    }

    /** The route's own filters, in declaration order (global and default filters are added when it compiles). */
    public List<GatewayFilter> filters() {
        return this.filters;
    }

    /** Whether the gateway's default filters apply to this route (default true). */
    public boolean defaultFilters() {
        return this.defaultFilters;
    }

    /**
     * Whether the route takes unauthenticated requests on purpose. Where the gateway requires authentication
     * ({@code Gateway.Builder.requireAuthentication}), a route without an {@code AuthenticationFilter} must say so, or
     * it fails to compile.
     */
    public boolean publicAccess() {
        return this.publicAccess;
    }

    /** What the route sets of timeouts, retries, hedging and circuit breaker; unset fields are the upstream's. */
    public TrafficPolicy policy() {
        return this.policy;
    }

    /** Per-route timeouts; unset ones come from the upstream. */
    public Timeouts timeouts() {
        return this.policy.timeouts();
    }

    /** The route's retry policy, or {@code null} for the upstream's. */
    public @Nullable RetryPolicy retry() {
        return this.policy.retry();
    }

    /** The route's hedging, or {@code null} for the upstream's. */
    public @Nullable Hedging hedging() {
        return this.policy.hedging();
    }

    /** A circuit breaker for this route alone, or {@code null} for the upstream's. */
    public @Nullable CircuitBreaker circuitBreaker() {
        return this.policy.circuitBreaker();
    }

    public Map<String, String> metadata() {
        return this.metadata;
    }

    @Override
    public String toString() {
        return "Route[" + this.id + " " + this.match + " -> "
                + (this.uri != null ? this.uri : this.split != null ? this.split : "upstream " + this.upstream) + "]";
    }

    /** Builds a {@link Route}. */
    public static final class Builder {

        private final String id;
        private int order;
        private RouteMatch match = RouteMatch.none();
        private @Nullable UpstreamNode uri;
        private @Nullable String upstream;
        private @Nullable TrafficSplit split;
        private @Nullable Fallback fallback;
        private final List<GatewayFilter> filters = new ArrayList<>();
        private boolean defaultFilters = true;
        private boolean publicAccess;
        private TrafficPolicy.Builder policy = TrafficPolicy.builder();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String id) {
            if (Objects.requireNonNull(id, "id").isBlank()) {
                throw new RouteDefinitionException(null, "id", "route id is blank", "give every route a unique id");
            }
            this.id = id;
        }

        public Builder order(int order) {
            this.order = order;
            return this;
        }

        public Builder match(RouteMatch match) {
            this.match = Objects.requireNonNull(match, "match");
            return this;
        }

        /** Configures the match: {@code .match(m -> m.path("/api/**").methods("GET"))}. */
        public Builder match(Consumer<RouteMatch.Builder> spec) {
            RouteMatch.Builder b = this.match.toBuilder();
            try {
                spec.accept(b);
                this.match = b.build(); // cross-field checks (path and path-regex) fail here
            }
            catch (IllegalArgumentException ex) {
                throw new RouteDefinitionException(this.id, "match", ex.getMessage(), "see docs/routes.md", ex);
            }
            return this;
        }

        public Builder uri(String uri) {
            try {
                this.uri = UpstreamNode.of(URI.create(uri), 1);
            }
            catch (IllegalArgumentException ex) {
                throw new RouteDefinitionException(this.id, "uri", ex.getMessage(), "expected http(s)://host:port", ex);
            }
            return this;
        }

        public Builder uri(UpstreamNode node) {
            this.uri = Objects.requireNonNull(node, "node");
            return this;
        }

        public Builder upstream(String name) {
            this.upstream = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Splits traffic across upstreams by weight instead of one target (a canary release). */
        public Builder split(@Nullable TrafficSplit split) {
            this.split = split;
            return this;
        }

        /** What to answer when the upstream cannot (circuit open, no healthy node, 502/503/504). */
        public Builder fallback(@Nullable Fallback fallback) {
            this.fallback = fallback;
            return this;
        }

        public Builder filter(GatewayFilter filter) {
            this.filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        public Builder filters(List<? extends GatewayFilter> filters) {
            filters.forEach(this::filter);
            return this;
        }

        /** Whether the gateway's default filters apply (default true). */
        /** Marks the route as taking unauthenticated requests on purpose (see {@link Route#publicAccess()}). */
        public Builder publicAccess(boolean publicAccess) {
            this.publicAccess = publicAccess;
            return this;
        }

        public Builder defaultFilters(boolean apply) {
            this.defaultFilters = apply;
            return this;
        }

        /** Replaces the route's traffic policy; what it leaves unset comes from the upstream. */
        public Builder policy(TrafficPolicy policy) {
            this.policy = policy.toBuilder();
            return this;
        }

        /** Sets the policy's timeouts; each unset one comes from the upstream. */
        public Builder timeouts(Timeouts timeouts) {
            this.policy.timeouts(timeouts);
            return this;
        }

        /** Retries for this route, overriding the upstream's; {@code null} for the upstream's. */
        public Builder retry(@Nullable RetryPolicy retry) {
            this.policy.retry(retry);
            return this;
        }

        /** Hedging for this route, overriding the upstream's; {@code null} for the upstream's. */
        public Builder hedging(@Nullable Hedging hedging) {
            this.policy.hedging(hedging);
            return this;
        }

        /** A circuit breaker for this route alone, instead of the upstream's; {@code null} for the upstream's. */
        public Builder circuitBreaker(@Nullable CircuitBreaker circuitBreaker) {
            this.policy.circuitBreaker(circuitBreaker);
            return this;
        }

        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        public Route build() {
            return new Route(this);
        }
    }
}
