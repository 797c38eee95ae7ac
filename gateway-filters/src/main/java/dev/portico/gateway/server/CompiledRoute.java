package dev.portico.gateway.server;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.filter.ResponseFilter;
import dev.portico.gateway.filter.RouteVariables;
import dev.portico.gateway.observation.GatewayObservations;
import dev.portico.gateway.proxy.Proxy;
import dev.portico.gateway.response.ResponseWriter;
import dev.portico.gateway.route.Fallback;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.TrafficSplit;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.TrafficPolicy;
import dev.portico.gateway.upstream.Upstream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;

/**
 * A route with everything a request needs resolved in advance: the final ordered filter array (global, default and
 * route filters), its chain links, the response filters and the proxy with its client and timeouts.
 */
public final class CompiledRoute {

    private final Route route;
    private final GatewayFilter[] filters;
    private final ResponseWriter writer;
    private final GatewayObservations observations;
    private final Proxy[] proxies;
    private final GatewayFilterChain terminal;
    private final GatewayFilterChain chain;

    /** Called when a split's rollback policy trips for a target: move its weight to the first target. */
    @FunctionalInterface
    interface Rollback {

        void rollback(String routeId, String targetUpstream);
    }

    /**
     * @param upstreamName the route's upstream (named, or the implicit one of its uri); unused for a split route
     * @param clusters the live cluster of each upstream by name
     */
    CompiledRoute(Route route, List<GatewayFilter> globalFilters, List<GatewayFilter> defaultFilters,
            String upstreamName, Function<String, UpstreamCluster> clusters, @Nullable Rollback rollback,
            GatewayObservations observations) {
        this.route = route;
        this.observations = observations;
        List<GatewayFilter> all = new ArrayList<>(globalFilters);
        if (route.defaultFilters()) {
            all.addAll(defaultFilters);
        }
        all.addAll(route.filters());
        // stable: equal orders keep global, default, route and declaration order
        all.sort((a, b) -> Integer.compare(orderOf(a), orderOf(b)));
        List<GatewayFilter> requestSide = new ArrayList<>();
        List<ResponseFilter> responseSide = new ArrayList<>();
        for (GatewayFilter filter : all) {
            if (filter instanceof ResponseFilter responseFilter) {
                responseSide.add(responseFilter);
                if (runsOnRequestSide(responseFilter)) {
                    requestSide.add(filter); // both halves run: its request half in the chain, its response half here
                }
            }
            else {
                requestSide.add(filter);
            }
        }
        this.filters = requestSide.toArray(GatewayFilter[]::new);
        this.writer = ResponseWriter.of(responseSide);
        GatewayFilterChain terminal;
        if (route.split() == null) {
            this.proxies = new Proxy[] { proxyFor(route, clusters.apply(upstreamName)) };
            terminal = this.proxies[0];
        }
        else {
            List<TrafficSplit.Target> targets = route.split().targets();
            this.proxies = new Proxy[targets.size()];
            for (int t = 0; t < targets.size(); t++) {
                this.proxies[t] = proxyFor(route, clusters.apply(targets.get(t).upstream()));
            }
            terminal = new SplitChain(route.split(), this.proxies, rollback == null ? null
                    : target -> rollback.rollback(route.id(), targets.get(target).upstream()));
        }
        Fallback fallback = route.fallback();
        if (fallback != null) {
            UpstreamCluster standBy = fallback.upstream() == null ? null : clusters.apply(fallback.upstream());
            GatewayFilterChain alternative = standBy == null ? null : new Proxy(standBy, standBy.endpointClients(),
                    standBy.upstream().timeouts(), RetryPolicy.none(), null, null, this.writer, observations);
            terminal = new FallbackChain(terminal, fallback, alternative, this.writer);
        }
        this.terminal = terminal;
        this.chain = FilterChainLink.of(this.filters, this.terminal, this.writer::local);
    }

    /**
     * Whether a response filter also has a request half: it is an {@link InlineFilter} too, or it overrides
     * {@code filter} (a plain response filter inherits the default, which only registers it).
     */
    static boolean runsOnRequestSide(ResponseFilter filter) {
        if (filter instanceof InlineFilter) {
            return true;
        }
        try {
            Method method = filter.getClass().getMethod("filter", GatewayExchange.class, GatewayFilterChain.class);
            return method.getDeclaringClass() != ResponseFilter.class;
        }
        catch (NoSuchMethodException ex) {
            throw new IllegalStateException(ex); // every GatewayFilter has it
        }
    }

    /** A filter's order: {@link Ordered#getOrder()}, else its {@code @Order}, else 0. */
    static int orderOf(GatewayFilter filter) {
        if (filter instanceof Ordered ordered) {
            return ordered.getOrder();
        }
        Integer order = OrderUtils.getOrder(filter.getClass());
        return order != null ? order : 0;
    }

    public Route route() {
        return this.route;
    }

    /** The request-side filters in the order they run. */
    public List<GatewayFilter> filters() {
        return List.of(this.filters);
    }

    /** The response filters in declaration order (they run last declared first). */
    public List<ResponseFilter> responseFilters() {
        return this.writer.filters();
    }

    /** How the route's matched requests get their variables (built once). */
    RouteVariables variables() {
        return this.route.match().variables();
    }

    /** The proxy of a single-target route; the first target's for a split route. */
    public Proxy proxy() {
        return this.proxies[0];
    }

    /** One proxy per target, in the split's declaration order (one for a single-target route). */
    public List<Proxy> proxies() {
        return List.of(this.proxies);
    }

    /**
     * A route's proxy for one upstream: the route's policy over the upstream's ({@link TrafficPolicy#over}; the
     * upstream's is already over the engine's defaults, so every field is set).
     */
    private Proxy proxyFor(Route route, UpstreamCluster upstream) {
        Upstream definition = upstream.upstream();
        TrafficPolicy policy = route.policy().over(definition.policy());
        Duration connect = policy.timeouts().connect();
        return new Proxy(upstream,
                connect.equals(definition.timeouts().connect()) ? upstream.endpointClients()
                        : upstream.endpointClients(connect),
                policy.timeouts(), Objects.requireNonNull(policy.retry(), "retry"), policy.hedging(),
                policy.circuitBreaker(), this.writer, this.observations);
    }

    GatewayFilterChain chain() {
        return this.chain;
    }
}
