package dev.portico.gateway.health;

import java.util.List;
import java.util.Objects;

import dev.portico.gateway.endpoint.Endpoint;

/**
 * The health of every node of one upstream at one moment, e.g. for an actuator endpoint.
 *
 * @param upstream the upstream's name
 * @param endpoints one entry per node, in the upstream's node order
 * @param available how many of them may receive traffic
 */
public record UpstreamHealth(String upstream, List<EndpointHealth> endpoints, int available) {

    public UpstreamHealth {
        Objects.requireNonNull(upstream, "upstream");
        endpoints = List.copyOf(endpoints);
    }

    /** The state of {@code endpoints} of upstream {@code name} at {@code nowNanos}. */
    public static UpstreamHealth of(String name, List<Endpoint> endpoints, long nowNanos) {
        List<EndpointHealth> health = endpoints.stream().map(e -> EndpointHealth.of(e, nowNanos)).toList();
        int available = (int) health.stream().filter(EndpointHealth::available).count();
        return new UpstreamHealth(name, health, available);
    }
}
