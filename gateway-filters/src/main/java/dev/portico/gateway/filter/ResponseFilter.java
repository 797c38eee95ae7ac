package dev.portico.gateway.filter;

import reactor.core.publisher.Mono;

/**
 * A filter that changes the response status or headers just before they are written: to the upstream's response, a
 * local response ({@link GatewayExchange#respond}) or a fallback response. Problem responses the gateway produces
 * for errors keep their fixed shape and do not pass through response filters. Response filters of a route run in
 * reverse chain order (the filter declared first sees the response last, as in a nested chain). They must not block.
 *
 * <p>In a route's filter list a response filter costs nothing per request on the way in: the route compiles it into
 * its response-side array. A class that also implements {@link InlineFilter} (or overrides {@link #filter}) runs on
 * both sides. Called directly, outside a compiled chain, {@link #filter} registers it on the exchange instead
 * ({@link GatewayExchange#addResponseFilter}), so the response half is never lost.
 */
@FunctionalInterface
public interface ResponseFilter extends GatewayFilter {

    void applyResponse(GatewayExchange exchange);

    /** Outside a compiled chain: registers this filter for the exchange's response, then continues. */
    @Override
    default Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
        exchange.addResponseFilter(this);
        return chain.filter(exchange);
    }
}
