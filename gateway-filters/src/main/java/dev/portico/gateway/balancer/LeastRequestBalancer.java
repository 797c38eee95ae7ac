package dev.portico.gateway.balancer;

import java.time.Duration;
import java.util.List;

import dev.portico.gateway.endpoint.Endpoint;

/**
 * Sends a request to the less loaded of two endpoints drawn at random (the power of two choices), load being
 * requests in flight per unit of weight: {@code (activeRequests + 1) / effectiveWeight}.
 *
 * <p>The {@code + 1} counts the request being placed: it makes weight break the tie between idle endpoints (an idle
 * endpoint of weight 3 beats an idle one of weight 1) and, under steady load, in-flight requests settle in proportion
 * to weight, as Envoy's least-request does. An endpoint with many requests in flight gets almost none while others
 * are idle: it is only chosen when drawn against a busier one.
 *
 * <p>Weights are the {@linkplain Endpoint#effectiveWeight effective weights} when the picker is built (slow start);
 * see {@link TwoChoicePicker} for how {@code exclude} is honoured.
 */
public final class LeastRequestBalancer implements LoadBalancer {

    private final long rampNanos;

    private LeastRequestBalancer(long rampNanos) {
        this.rampNanos = rampNanos;
    }

    /** Least-request without slow start. */
    public static LeastRequestBalancer create() {
        return new LeastRequestBalancer(0);
    }

    /** Least-request whose returning endpoints ramp up over {@code slowStart} ({@link Duration#ZERO}: none). */
    public static LeastRequestBalancer withSlowStart(Duration slowStart) {
        return new LeastRequestBalancer(Pickers.rampNanos(slowStart));
    }

    @Override
    public Picker picker(List<Endpoint> endpoints, long nowNanos) {
        return endpoints.isEmpty() ? Pickers.EMPTY : new LeastRequestPicker(endpoints, nowNanos, this.rampNanos);
    }

    @Override
    public String toString() {
        return "LeastRequestBalancer[slowStart=" + Duration.ofNanos(this.rampNanos) + "]";
    }

    private static final class LeastRequestPicker extends TwoChoicePicker {

        LeastRequestPicker(List<Endpoint> endpoints, long nowNanos, long rampNanos) {
            super(endpoints, nowNanos, rampNanos);
        }

        @Override
        boolean prefers(int a, int b) {
            double loadA = (this.endpoints[a].activeRequests() + 1) * this.inverseWeights[a];
            double loadB = (this.endpoints[b].activeRequests() + 1) * this.inverseWeights[b];
            return loadA <= loadB;
        }
    }
}
