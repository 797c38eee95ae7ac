package dev.portico.gateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.proxy.ForwardedHeaders;
import dev.portico.gateway.proxy.UpstreamCluster;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.route.RouteTable;
import dev.portico.gateway.upstream.Upstream;
import dev.portico.gateway.upstream.health.UpstreamHealth;

/**
 * The engine: the current route table, the upstream clients, and the settings every route shares. Plain Java, no
 * Spring Boot: build one with {@link #builder()} and serve it with {@link GatewayHandler}.
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder()
 *         .upstream(Upstream.builder("users").node("http://127.0.0.1:9001").build())
 *         .route(Route.builder("users").match(m -> m.path("/api/users/**")).upstream("users").build())
 *         .build();
 * DisposableServer server = HttpServer.create().port(8080).handle(new GatewayHandler(gateway)).bindNow();
 * }</pre>
 *
 * <p>{@link #update} compiles a new table off to the side and swaps one volatile reference: a request reads the
 * table once, so in-flight requests finish on the table they started with.
 */
public final class Gateway implements AutoCloseable {

    /** How long a replaced upstream's pool stays open for requests still running on the old route table. */
    private static final Duration RETIRED_POOL_GRACE = Duration.ofSeconds(30);

    private final List<GatewayFilter> globalFilters;
    private final List<GatewayFilter> defaultFilters;
    private final ForwardedHeaders forwardedHeaders;
    private final PoolSettings poolSettings;
    private final Map<String, UpstreamCluster> clients = new HashMap<>();
    private volatile RouteTable<CompiledRoute> table;

    private Gateway(Builder b) {
        this.globalFilters = List.copyOf(b.globalFilters);
        this.defaultFilters = List.copyOf(b.defaultFilters);
        this.forwardedHeaders = b.forwardedHeaders;
        this.poolSettings = b.poolSettings;
        this.table = RouteTable.empty();
        update(b.routes, b.upstreams);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The table requests are routed with now. */
    public RouteTable<CompiledRoute> routeTable() {
        return this.table;
    }

    public ForwardedHeaders forwardedHeaders() {
        return this.forwardedHeaders;
    }

    /**
     * Replaces every route and upstream. Validates and compiles everything first; on any error nothing changes.
     * Clients of unchanged upstreams (and their pooled connections) are kept; removed ones are closed.
     * @throws RouteDefinitionException naming the route and property at fault
     */
    public synchronized void update(List<Route> routes, List<Upstream> upstreams) {
        Map<String, Upstream> named = new LinkedHashMap<>();
        for (Upstream upstream : upstreams) {
            if (named.put(upstream.name(), upstream) != null) {
                throw new RouteDefinitionException(null, "upstreams." + upstream.name(), "duplicate upstream name",
                        "give every upstream a unique name");
            }
        }
        for (Route route : routes) {
            if (route.uri() != null) {
                named.put(implicitUpstreamName(route), Upstream.single(implicitUpstreamName(route), route.uri()));
            }
            else if (!named.containsKey(route.upstream())) {
                throw new RouteDefinitionException(route.id(), "upstream", "unknown upstream '" + route.upstream() + "'",
                        upstreams.isEmpty() ? "declare it under portico.upstreams, or use uri: http://host:port"
                                : "expected one of: " + new TreeSet<>(upstreams.stream().map(Upstream::name).toList()));
            }
        }
        Map<String, UpstreamCluster> next = new HashMap<>();
        List<UpstreamCluster> created = new ArrayList<>();
        for (Upstream upstream : named.values()) {
            UpstreamCluster existing = this.clients.get(upstream.name());
            if (existing != null && existing.upstream().equals(upstream)) {
                next.put(upstream.name(), existing);
            }
            else {
                UpstreamCluster client = new UpstreamCluster(upstream, this.poolSettings).start();
                created.add(client);
                next.put(upstream.name(), client);
            }
        }
        RouteTable<CompiledRoute> compiled;
        try {
            compiled = RouteTable.compile(routes, route -> new CompiledRoute(route, this.globalFilters,
                    this.defaultFilters, next.get(route.uri() != null ? implicitUpstreamName(route) : route.upstream())));
        }
        catch (RuntimeException ex) {
            created.forEach(UpstreamCluster::close);
            throw ex;
        }
        this.table = compiled;
        for (Map.Entry<String, UpstreamCluster> old : this.clients.entrySet()) {
            if (next.get(old.getKey()) != old.getValue()) {
                old.getValue().closeAfter(RETIRED_POOL_GRACE);
            }
        }
        this.clients.clear();
        this.clients.putAll(next);
    }

    /** What health checking knows about every upstream's nodes now. */
    public synchronized List<UpstreamHealth> upstreamHealth() {
        return this.clients.values().stream().map(UpstreamCluster::health)
                .sorted(java.util.Comparator.comparing(UpstreamHealth::upstream)).toList();
    }

    /** The live cluster of an upstream (a route's {@code uri} makes one named {@code route:<id>}), or null. */
    public synchronized @org.jspecify.annotations.Nullable UpstreamCluster upstream(String name) {
        return this.clients.get(name);
    }

    private static String implicitUpstreamName(Route route) {
        return "route:" + route.id();
    }

    /** Closes every upstream client. */
    @Override
    public synchronized void close() {
        this.clients.values().forEach(UpstreamCluster::close);
        this.clients.clear();
    }

    /** Builds a {@link Gateway}. */
    public static final class Builder {

        private final List<Route> routes = new ArrayList<>();
        private final List<Upstream> upstreams = new ArrayList<>();
        private final List<GatewayFilter> globalFilters = new ArrayList<>();
        private final List<GatewayFilter> defaultFilters = new ArrayList<>();
        private ForwardedHeaders forwardedHeaders = ForwardedHeaders.trustingNone();
        private PoolSettings poolSettings = PoolSettings.DEFAULTS;

        private Builder() {
        }

        public Builder route(Route route) {
            this.routes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        public Builder routes(List<Route> routes) {
            routes.forEach(this::route);
            return this;
        }

        public Builder upstream(Upstream upstream) {
            this.upstreams.add(Objects.requireNonNull(upstream, "upstream"));
            return this;
        }

        public Builder upstreams(List<Upstream> upstreams) {
            upstreams.forEach(this::upstream);
            return this;
        }

        /** A filter for every route, whatever the route says. */
        public Builder globalFilter(GatewayFilter filter) {
            this.globalFilters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /** A filter for every route that does not opt out with {@code default-filters: false}. */
        public Builder defaultFilter(GatewayFilter filter) {
            this.defaultFilters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        public Builder forwardedHeaders(ForwardedHeaders forwardedHeaders) {
            this.forwardedHeaders = Objects.requireNonNull(forwardedHeaders, "forwardedHeaders");
            return this;
        }

        public Builder poolSettings(PoolSettings poolSettings) {
            this.poolSettings = Objects.requireNonNull(poolSettings, "poolSettings");
            return this;
        }

        /** @throws RouteDefinitionException naming the route and property at fault */
        public Gateway build() {
            return new Gateway(this);
        }
    }
}
