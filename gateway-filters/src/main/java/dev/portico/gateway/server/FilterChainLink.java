package dev.portico.gateway.server;

import java.util.function.Function;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.InlineFilter;
import reactor.core.publisher.Mono;

/**
 * One position in a route's compiled filter array. The links of a route are built once, so continuing the chain is
 * a method call on a shared object, never an allocation. From its position a link runs every {@link InlineFilter} in
 * a plain loop and hands over to the first reactive filter with the link after it.
 */
public final class FilterChainLink implements GatewayFilterChain {

    private final GatewayFilter[] filters;
    private final int index;
    private final GatewayFilterChain terminal;
    private final Function<GatewayExchange, Mono<Void>> localResponse;
    private FilterChainLink[] links;

    private FilterChainLink(GatewayFilter[] filters, int index, GatewayFilterChain terminal,
            Function<GatewayExchange, Mono<Void>> localResponse) {
        this.filters = filters;
        this.index = index;
        this.terminal = terminal;
        this.localResponse = localResponse;
    }

    /**
     * Builds the chain for an ordered filter array.
     * @param localResponse writes the response a filter ended the exchange with ({@link GatewayExchange#respond})
     */
    public static GatewayFilterChain of(GatewayFilter[] filters, GatewayFilterChain terminal,
            Function<GatewayExchange, Mono<Void>> localResponse) {
        FilterChainLink[] links = new FilterChainLink[filters.length + 1];
        for (int i = 0; i <= filters.length; i++) {
            links[i] = new FilterChainLink(filters, i, terminal, localResponse);
        }
        for (FilterChainLink link : links) {
            link.links = links;
        }
        return links[0];
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange) {
        GatewayFilter[] filters = this.filters;
        for (int i = this.index; i < filters.length; i++) {
            GatewayFilter filter = filters[i];
            if (filter instanceof InlineFilter inline) {
                inline.apply(exchange);
                if (exchange.isResponded()) {
                    return this.localResponse.apply(exchange);
                }
                continue;
            }
            return filter.filter(exchange, this.links[i + 1])
                    .then(Mono.defer(() -> exchange.isResponded() ? this.localResponse.apply(exchange) : Mono.empty()));
        }
        return this.terminal.filter(exchange);
    }
}
