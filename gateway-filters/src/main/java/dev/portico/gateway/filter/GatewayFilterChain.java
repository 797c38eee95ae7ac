package dev.portico.gateway.filter;

import reactor.core.publisher.Mono;

/**
 * The rest of a route's compiled filter array, ending in the proxy. Instances are built when routes compile and
 * shared by every request: calling {@link #filter} allocates nothing by itself.
 */
@FunctionalInterface
public interface GatewayFilterChain {

    Mono<Void> filter(GatewayExchange exchange);
}
