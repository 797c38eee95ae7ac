package dev.portico.gateway.security;

import dev.portico.gateway.filter.GatewayFilter;
import org.springframework.core.Ordered;

/**
 * Marks a filter that authenticates: on success it sets {@link dev.portico.gateway.filter.GatewayAttributes#CONSUMER};
 * a request without valid credentials never gets past it (401), so a route that has one authenticates every request.
 * {@code key-auth} and {@code basic-auth} implement it (and {@code jwt}); a fail-closed check can ask
 * {@code filter instanceof AuthenticationFilter} of a compiled route's filters.
 *
 * <p>It runs at {@link SecurityOrder#AUTHENTICATION}, before filters of the default order 0 and before
 * {@code consumer-restriction}, wherever it is declared.
 */
public interface AuthenticationFilter extends GatewayFilter, Ordered {

    @Override
    default int getOrder() {
        return SecurityOrder.AUTHENTICATION;
    }
}
