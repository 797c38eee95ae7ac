package dev.portico.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import dev.portico.gateway.endpoint.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * What is known about one node of an upstream at one moment: its active-check verdict, its passive ejection, its
 * load and latency, and whether it is ramping up after returning. A snapshot, not live state: read it, show it.
 *
 * @param uri the node's {@code scheme://host:port}
 * @param weight the node's configured weight
 * @param activeHealthy the active health check's verdict (true when no active check runs)
 * @param ejected whether outlier detection has ejected the node at the snapshot time
 * @param ejectedFor how much longer the ejection lasts, or null when not ejected
 * @param ejections how many times the node has been ejected so far
 * @param activeRequests requests in flight to the node
 * @param latencyEwmaMillis moving average of time to response headers in ms; 0 before the first response
 * @param ramping whether the node is in its slow-start ramp after returning
 */
public record EndpointHealth(URI uri, int weight, boolean activeHealthy, boolean ejected,
        @Nullable Duration ejectedFor, int ejections, int activeRequests, double latencyEwmaMillis, boolean ramping) {

    public EndpointHealth {
        Objects.requireNonNull(uri, "uri");
    }

    /** The state of {@code endpoint} at {@code nowNanos} ({@link System#nanoTime()} scale). */
    public static EndpointHealth of(Endpoint endpoint, long nowNanos) {
        long until = endpoint.ejectedUntilNanos();
        boolean ejected = endpoint.ejected(nowNanos);
        return new EndpointHealth(endpoint.node().uri(), endpoint.node().weight(), endpoint.activeHealthy(), ejected,
                ejected ? Duration.ofNanos(until - nowNanos) : null, endpoint.ejections(), endpoint.activeRequests(),
                endpoint.latencyEwmaNanos() / 1_000_000.0, endpoint.ramping());
    }

    /** Whether the node may receive traffic: healthy by active checks and not ejected. */
    public boolean available() {
        return this.activeHealthy && !this.ejected;
    }
}
