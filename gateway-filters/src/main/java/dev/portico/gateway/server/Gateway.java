package dev.portico.gateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.filter.AuthenticationFilter;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.observation.GatewayObservations;
import dev.portico.gateway.health.UpstreamHealth;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.route.RouteTable;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.upstream.Upstream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

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

    private static final Log logger = LogFactory.getLog(Gateway.class);

    /** How long a replaced upstream's pool stays open for requests still running on the old route table. */
    private static final Duration RETIRED_POOL_GRACE = Duration.ofSeconds(30);

    private final List<GatewayFilter> globalFilters;
    private final List<GatewayFilter> defaultFilters;
    private final ForwardedHeaders forwardedHeaders;
    private final PoolSettings poolSettings;
    private final boolean requireAuthentication;
    private final GatewayObservations observations;
    private final Map<String, UpstreamCluster> clients = new HashMap<>();
    private volatile RouteTable<CompiledRoute> table;
    private List<Route> routes = List.of();
    private List<Upstream> upstreams = List.of();

    private Gateway(Builder b) {
        this.globalFilters = List.copyOf(b.globalFilters);
        this.defaultFilters = List.copyOf(b.defaultFilters);
        this.forwardedHeaders = b.forwardedHeaders;
        this.poolSettings = b.poolSettings;
        this.requireAuthentication = b.requireAuthentication;
        this.observations = b.observations;
        this.table = RouteTable.empty();
        update(b.routes, b.upstreams);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where requests are observed. */
    public GatewayObservations observations() {
        return this.observations;
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
            else if (route.split() != null) {
                for (int t = 0; t < route.split().targets().size(); t++) {
                    requireUpstream(route, named, upstreams, route.split().targets().get(t).upstream(),
                            "split.targets[" + t + "].upstream");
                }
            }
            else {
                requireUpstream(route, named, upstreams, route.upstream(), "upstream");
            }
            if (route.fallback() != null && route.fallback().upstream() != null) {
                requireUpstream(route, named, upstreams, route.fallback().upstream(), "fallback.upstream");
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
                    this.defaultFilters, route.uri() != null ? implicitUpstreamName(route) : route.upstream(), next::get,
                    this::rollBack, this.observations));
            if (this.requireAuthentication) {
                compiled.entries().forEach(entry -> requireAuthentication(entry.value()));
            }
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
        this.routes = List.copyOf(routes);
        this.upstreams = List.copyOf(upstreams);
    }

    /** Fail closed: a route that neither authenticates nor says it is public must not take traffic. */
    private static void requireAuthentication(CompiledRoute compiled) {
        Route route = compiled.route();
        if (route.publicAccess()) {
            return;
        }
        for (GatewayFilter filter : compiled.filters()) {
            if (filter instanceof AuthenticationFilter) {
                return;
            }
        }
        throw new RouteDefinitionException(route.id(), "filters",
                "the route has no authentication filter and is not marked public, while the gateway requires "
                        + "authentication (Spring Security protects this application)",
                "add an authentication filter to the route or to every route (e.g. portico.default-filters: [jwt], "
                        + "or filters: [key-auth]), or mark the route public: true if it is meant to be open");
    }

    private static void requireUpstream(Route route, Map<String, Upstream> named, List<Upstream> declared,
            @Nullable String name, String property) {
        if (!named.containsKey(name)) {
            throw new RouteDefinitionException(route.id(), property, "unknown upstream '" + name + "'",
                    declared.isEmpty() ? "declare it under portico.upstreams, or use uri: http://host:port"
                            : "expected one of: " + new TreeSet<>(declared.stream().map(Upstream::name).toList()));
        }
    }

    /** The routes the current table was compiled from, in declaration order. */
    public synchronized List<Route> routes() {
        return this.routes;
    }

    /** The upstreams declared with the current routes (without the implicit ones of {@code uri} routes). */
    public synchronized List<Upstream> upstreams() {
        return this.upstreams;
    }

    /**
     * Changes the weights of a split route's targets (a step of a canary rollout: 5 → 25 → 50 → 100 %, or a rollback
     * to 0). Rebuilds and swaps the route table: new requests see the new weights at once; requests in flight finish
     * on the targets they started with.
     * @throws IllegalArgumentException when the route is unknown, has no split, or a name is not one of its targets
     */
    public synchronized void updateSplit(String routeId, Map<String, Integer> weights) {
        List<Route> next = new ArrayList<>(this.routes.size());
        boolean found = false;
        for (Route route : this.routes) {
            if (route.id().equals(routeId)) {
                if (route.split() == null) {
                    throw new IllegalArgumentException("route '" + routeId + "' has no traffic split");
                }
                next.add(route.toBuilder().split(route.split().withWeights(weights)).build());
                found = true;
            }
            else {
                next.add(route);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no route '" + routeId + "'");
        }
        update(next, this.upstreams);
    }

    /** A split target's error rate spiked: its weight moves to the split's first target. */
    private void rollBack(String routeId, String target) {
        // off the request path: recompiling takes a lock and builds a table
        Schedulers.boundedElastic().schedule(() -> {
            synchronized (this) {
                for (Route route : this.routes) {
                    if (route.id().equals(routeId) && route.split() != null) {
                        Map<String, Integer> weights = route.split().weights();
                        Integer moved = weights.get(target);
                        String primary = route.split().targets().get(0).upstream();
                        if (moved != null && moved > 0 && !primary.equals(target)) {
                            logger.warn("route '" + routeId + "': rolling back split target '" + target
                                    + "' after an error spike; its weight " + moved + " moves to '" + primary + "'");
                            updateSplit(routeId, Map.of(target, 0, primary, weights.get(primary) + moved));
                        }
                    }
                }
            }
        });
    }

    /** What health checking knows about every upstream's nodes now. */
    public synchronized List<UpstreamHealth> upstreamHealth() {
        return this.clients.values().stream().map(UpstreamCluster::health)
                .sorted(java.util.Comparator.comparing(UpstreamHealth::upstream)).toList();
    }

    /** The live cluster of an upstream (a route's {@code uri} makes one named {@code route:<id>}), or null. */
    public synchronized @Nullable UpstreamCluster upstream(String name) {
        return this.clients.get(name);
    }

    /**
     * The upstream a {@code uri} route makes, named by the URI itself: routes that point at the same address share
     * one upstream (one pool, one set of clients), however many there are.
     */
    private static String implicitUpstreamName(Route route) {
        return route.uri().uri().toString();
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
        private boolean requireAuthentication;
        private GatewayObservations observations = GatewayObservations.disabled();

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

        /**
         * Whether every route must authenticate (have an {@link AuthenticationFilter} among its global, default or
         * own filters) or be marked {@link Route#publicAccess() public}; checked whenever routes compile, so an update
         * that would open a route fails like a bad startup. Default false; Boot switches it on where Spring Security
         * protects the application.
         */
        public Builder requireAuthentication(boolean require) {
            this.requireAuthentication = require;
            return this;
        }

        /**
         * Where requests and upstream attempts are observed (Micrometer: metrics and tracing through the registry's
         * handlers). Default: none, at no cost.
         */
        public Builder observations(GatewayObservations observations) {
            this.observations = Objects.requireNonNull(observations, "observations");
            return this;
        }

        /** @throws RouteDefinitionException naming the route and property at fault */
        public Gateway build() {
            return new Gateway(this);
        }
    }
}
