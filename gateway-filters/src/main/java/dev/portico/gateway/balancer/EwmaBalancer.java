package dev.portico.gateway.balancer;

import java.time.Duration;
import java.util.List;

import dev.portico.gateway.endpoint.Endpoint;

/**
 * Latency-aware balancing: of two endpoints drawn at random (the power of two choices), the one with the lower
 * expected cost gets the request, where
 * <pre>
 *   cost = latencyEwma × (activeRequests + 1) / effectiveWeight
 * </pre>
 * i.e. how long the request would wait behind those in flight. A slow endpoint keeps receiving a little traffic
 * (when drawn against a busier fast one), so its average can recover.
 *
 * <p>An endpoint without a latency sample yet (new, or never answered) is assumed as fast as the endpoint it is
 * drawn against and wins ties: it is tried at once, but not flooded while its first responses are still in flight
 * (a cost of zero would send it every request until one returns). When neither has a sample, the cost is the
 * least-request load {@code (activeRequests + 1) / effectiveWeight}.
 *
 * <p>Weights are the {@linkplain Endpoint#effectiveWeight effective weights} when the picker is built (slow start);
 * see {@link TwoChoicePicker} for how {@code exclude} is honoured.
 */
public final class EwmaBalancer implements LoadBalancer {

    private final long rampNanos;

    private EwmaBalancer(long rampNanos) {
        this.rampNanos = rampNanos;
    }

    /** Latency-aware balancing without slow start. */
    public static EwmaBalancer create() {
        return new EwmaBalancer(0);
    }

    /** Latency-aware balancing whose returning endpoints ramp up over {@code slowStart} ({@link Duration#ZERO}: none). */
    public static EwmaBalancer withSlowStart(Duration slowStart) {
        return new EwmaBalancer(Pickers.rampNanos(slowStart));
    }

    @Override
    public Picker picker(List<Endpoint> endpoints, long nowNanos) {
        return endpoints.isEmpty() ? Pickers.EMPTY : new EwmaPicker(endpoints, nowNanos, this.rampNanos);
    }

    @Override
    public String toString() {
        return "EwmaBalancer[slowStart=" + Duration.ofNanos(this.rampNanos) + "]";
    }

    private static final class EwmaPicker extends TwoChoicePicker {

        EwmaPicker(List<Endpoint> endpoints, long nowNanos, long rampNanos) {
            super(endpoints, nowNanos, rampNanos);
        }

        @Override
        boolean prefers(int a, int b) {
            Endpoint endpointA = this.endpoints[a];
            Endpoint endpointB = this.endpoints[b];
            double latencyA = endpointA.latencyEwmaNanos();
            double latencyB = endpointB.latencyEwmaNanos();
            boolean unknownA = latencyA <= 0;
            boolean unknownB = latencyB <= 0;
            if (unknownA && unknownB) {
                latencyA = 1;
                latencyB = 1;
            }
            else if (unknownA) {
                latencyA = latencyB;
            }
            else if (unknownB) {
                latencyB = latencyA;
            }
            double costA = latencyA * (endpointA.activeRequests() + 1) * this.inverseWeights[a];
            double costB = latencyB * (endpointB.activeRequests() + 1) * this.inverseWeights[b];
            if (costA != costB) {
                return costA < costB;
            }
            return !unknownB || unknownA;
        }
    }
}
