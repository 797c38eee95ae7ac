package dev.portico.gateway.balancer;

import java.util.Collection;
import java.util.List;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayExchange;
import org.jspecify.annotations.Nullable;

/**
 * A load-balancing policy. It does its expensive work (schedules, hash tables) in {@link #picker} when the set of
 * endpoints that may receive traffic changes (a node ejected or back, a slow-start step), never per request; the
 * {@link Picker} it returns is what a request calls.
 */
public interface LoadBalancer {

    /**
     * Builds a picker over the endpoints that may receive traffic now.
     * @param endpoints the available endpoints with their effective weights at {@code nowNanos}; never empty
     */
    Picker picker(List<Endpoint> endpoints, long nowNanos);

    /** Chooses an endpoint for one request. Thread-safe, non-blocking, allocation-light. */
    @FunctionalInterface
    interface Picker {

        /**
         * @param exclude endpoints this request already tried (a retry, a hedge); avoided when any other exists
         * @return an endpoint, preferring one not in {@code exclude}; null only if the picker has no endpoints
         */
        @Nullable Endpoint pick(GatewayExchange exchange, Collection<Endpoint> exclude);
    }
}
