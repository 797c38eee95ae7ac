package dev.portico.gateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.ResponseFilter;
import dev.portico.gateway.internal.FilterChainLink;
import dev.portico.gateway.proxy.Proxy;
import dev.portico.gateway.proxy.UpstreamCluster;
import dev.portico.gateway.route.Route;
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
    private final Proxy proxy;
    private final GatewayFilterChain chain;

    CompiledRoute(Route route, List<GatewayFilter> globalFilters, List<GatewayFilter> defaultFilters,
            UpstreamCluster upstream) {
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
        Upstream definition = upstream.upstream();
        Timeouts timeouts = route.timeouts().orElse(definition.timeouts());
        Duration connect = timeouts.connect();
        this.proxy = new Proxy(upstream,
                connect.equals(definition.timeouts().connect()) ? upstream.client() : upstream.withConnectTimeout(connect),
                timeouts,
                route.retry() != null ? route.retry() : definition.retry(),
                route.hedging() != null ? route.hedging() : definition.hedging(),
                route.circuitBreaker() != null ? route.circuitBreaker() : definition.circuitBreaker(),
                this.responseFilters);
        this.chain = FilterChainLink.of(this.filters, this.proxy, this::sendLocal);
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

    public Proxy proxy() {
        return this.proxy;
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
