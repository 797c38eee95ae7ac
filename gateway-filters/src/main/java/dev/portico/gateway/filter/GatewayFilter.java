package dev.portico.gateway.filter;

import reactor.core.publisher.Mono;

/**
 * The one filter contract. A filter sees the {@link GatewayExchange}, may change the request that will go upstream,
 * and either continues with {@code chain.filter(exchange)} or ends the exchange itself.
 *
 * <p>Error semantics: a filter that throws, or returns a failed {@code Mono}, ends the exchange. A
 * {@link GatewayException} becomes a {@code application/problem+json} response with its status; any other exception
 * becomes a 500 problem naming the route (and is logged). Once the response is committed an error can only abort the
 * connection.
 *
 * <p>Filters that do no I/O should implement {@link InlineFilter} (request side) or {@link ResponseFilter} (response
 * headers): the chain runs them in a plain loop without building reactive operators per request.
 *
 * <p>Where a filter runs (every route, default routes, one route) is a matter of registration, not of type.
 */
@FunctionalInterface
public interface GatewayFilter {

    Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain);
}
