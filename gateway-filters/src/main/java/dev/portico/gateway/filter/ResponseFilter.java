package dev.portico.gateway.filter;

import reactor.core.publisher.Mono;

/**
 * A filter that changes the response status or headers just before they are written: to the upstream's response or
 * a local response ({@link GatewayExchange#respond}). Problem responses the gateway produces for errors keep their
 * fixed shape and do not pass through response filters. Response filters of a route run in reverse chain order (the
 * filter declared first sees the response last, as in a nested chain). They must not block.
 */
@FunctionalInterface
public interface ResponseFilter extends GatewayFilter {

    void applyResponse(GatewayExchange exchange);

    /** Outside a compiled chain, registers nothing: the proxy applies compiled response filters. */
    @Override
    default Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange);
    }
}
