package dev.portico.gateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.ResponseFilter;
import dev.portico.gateway.proxy.Proxy;
import dev.portico.gateway.route.Fallback;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.TrafficSplit;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Timeouts;
import dev.portico.gateway.upstream.Upstream;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A route with everything a request needs resolved in advance: the final ordered filter array (global, default and
 * route filters), its chain links, the response filters and the proxy with its client and timeouts.
 */
public final class CompiledRoute {

    private final Route route;
    private final GatewayFilter[] filters;
    private final ResponseFilter[] responseFilters;
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
            String upstreamName, java.util.function.Function<String, UpstreamCluster> clusters,
            @org.jspecify.annotations.Nullable Rollback rollback) {
        this.route = route;
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
            }
            else {
                requestSide.add(filter);
            }
        }
        this.filters = requestSide.toArray(GatewayFilter[]::new);
        this.responseFilters = responseSide.toArray(ResponseFilter[]::new);
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
                    standBy.upstream().timeouts(), RetryPolicy.none(), null, null, this.responseFilters);
            terminal = new FallbackChain(terminal, fallback, alternative);
        }
        this.terminal = terminal;
        this.chain = FilterChainLink.of(this.filters, this.terminal, this::sendLocal);
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

    public List<ResponseFilter> responseFilters() {
        return List.of(this.responseFilters);
    }

    /** The proxy of a single-target route; the first target's for a split route. */
    public Proxy proxy() {
        return this.proxies[0];
    }

    /** One proxy per target, in the split's declaration order (one for a single-target route). */
    public List<Proxy> proxies() {
        return List.of(this.proxies);
    }

    /** A route's proxy for one upstream, with the route's overrides over the upstream's policies. */
    private Proxy proxyFor(Route route, UpstreamCluster upstream) {
        Upstream definition = upstream.upstream();
        Timeouts timeouts = route.timeouts().orElse(definition.timeouts());
        Duration connect = timeouts.connect();
        return new Proxy(upstream,
                connect.equals(definition.timeouts().connect()) ? upstream.endpointClients()
                        : upstream.endpointClients(connect),
                timeouts,
                route.retry() != null ? route.retry() : definition.retry(),
                route.hedging() != null ? route.hedging() : definition.hedging(),
                route.circuitBreaker() != null ? route.circuitBreaker() : definition.circuitBreaker(),
                this.responseFilters);
    }

    GatewayFilterChain chain() {
        return this.chain;
    }

    /** Writes the local response a filter ended the exchange with. */
    Mono<Void> sendLocal(GatewayExchange exchange) {
        HttpServerResponse response = exchange.serverResponse();
        if (response == null || response.hasSentHeaders()) {
            return Mono.empty();
        }
        Proxy.applyResponseFilters(exchange, this.responseFilters);
        response.status(HttpResponseStatus.valueOf(exchange.responseStatus()));
        if (!response.responseHeaders().contains(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH)) {
            response.responseHeaders().set(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH, "0");
        }
        return response.send().then();
    }
}
