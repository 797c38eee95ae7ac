package dev.portico.gateway.upstream.health;

import java.util.ArrayList;
import java.util.List;

import dev.portico.gateway.upstream.Endpoint;

/** Selections of endpoints by health, for whoever builds load-balancer pickers. */
public final class HealthFilters {

    private HealthFilters() {
    }

    /**
     * The endpoints that may receive traffic at {@code nowNanos} (healthy by active checks, not ejected), in their
     * given order. May be empty: what to do then (panic routing to all, or 503) is the caller's decision.
     */
    public static List<Endpoint> available(List<Endpoint> endpoints, long nowNanos) {
        List<Endpoint> available = new ArrayList<>(endpoints.size());
        for (Endpoint endpoint : endpoints) {
            if (endpoint.available(nowNanos)) {
                available.add(endpoint);
            }
        }
        return List.copyOf(available);
    }
}
