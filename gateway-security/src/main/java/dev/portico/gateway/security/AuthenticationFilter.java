package dev.portico.gateway.security;

import org.springframework.core.Ordered;

/**
 * Marks a filter that authenticates: on success it sets {@link dev.portico.gateway.filter.GatewayAttributes#CONSUMER};
 * a request without valid credentials never gets past it (401), so a route that has one authenticates every request.
 * {@code key-auth} and {@code basic-auth} implement it (and {@code jwt}). It is the engine's
 * {@link dev.portico.gateway.filter.AuthenticationFilter}, so the fail-closed check (every route authenticates or is
 * public) counts it, with an order.
 *
 * <p>It runs at {@link SecurityOrder#AUTHENTICATION}, before filters of the default order 0 and before
 * {@code consumer-restriction}, wherever it is declared.
 */
public interface AuthenticationFilter extends dev.portico.gateway.filter.AuthenticationFilter, Ordered {

    @Override
    default int getOrder() {
        return SecurityOrder.AUTHENTICATION;
    }
}
