package dev.portico.gateway.filter;

import reactor.core.publisher.Mono;

/**
 * A request-side filter that does no I/O: it changes the outgoing request (path, query, headers, limits) or ends
 * the exchange with a local response ({@link GatewayExchange#respond(int)}) or a {@link GatewayException}. The chain
 * calls {@link #apply} inline, in order, without a reactive operator per filter.
 */
@FunctionalInterface
public interface InlineFilter extends GatewayFilter {

    void apply(GatewayExchange exchange);

    @Override
    default Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
        apply(exchange);
        return exchange.isResponded() ? Mono.empty() : chain.filter(exchange);
    }
}
