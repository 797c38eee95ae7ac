package dev.portico.gateway.balancer;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayExchange;
import org.jspecify.annotations.Nullable;

/**
 * The power of two choices: draw two distinct endpoints at random and keep the {@linkplain #prefers better} one. Far
 * cheaper than scanning for the best, and it avoids the herd a global "least loaded" causes when many gateways see
 * the same idle endpoint.
 *
 * <p>With {@code exclude}, each draw walks forward from its random position to the next endpoint not yet tried (the
 * second also skips the first); when only one is left it is returned, when none, the first draw.
 *
 * <p>The inverse effective weights are computed when the picker is built, so a pick multiplies and never divides.
 */
abstract class TwoChoicePicker implements LoadBalancer.Picker {

    final Endpoint[] endpoints;
    final double[] inverseWeights;

    TwoChoicePicker(List<Endpoint> endpoints, long nowNanos, long rampNanos) {
        this.endpoints = endpoints.toArray(new Endpoint[0]);
        this.inverseWeights = new double[this.endpoints.length];
        for (int i = 0; i < this.endpoints.length; i++) {
            this.inverseWeights[i] = 1 / this.endpoints[i].effectiveWeight(nowNanos, rampNanos);
        }
    }

    /** Whether endpoint {@code a} should get the request rather than {@code b} (indexes into {@link #endpoints}). */
    abstract boolean prefers(int a, int b);

    @Override
    public final @Nullable Endpoint pick(GatewayExchange exchange, Collection<Endpoint> exclude) {
        Endpoint[] endpoints = this.endpoints;
        int n = endpoints.length;
        if (n <= 1) {
            return n == 0 ? null : endpoints[0];
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(n);
        int b = random.nextInt(n - 1);
        if (b >= a) {
            b++;
        }
        if (!exclude.isEmpty()) {
            int first = allowedFrom(a, -1, exclude);
            if (first < 0) {
                return endpoints[a];
            }
            int second = allowedFrom(b, first, exclude);
            if (second < 0) {
                return endpoints[first];
            }
            a = first;
            b = second;
        }
        return endpoints[prefers(a, b) ? a : b];
    }

    /** The first index from {@code start} (wrapping) that is neither {@code skip} nor excluded, or -1. */
    private int allowedFrom(int start, int skip, Collection<Endpoint> exclude) {
        int n = this.endpoints.length;
        for (int step = 0; step < n; step++) {
            int i = start + step < n ? start + step : start + step - n;
            if (i != skip && !exclude.contains(this.endpoints[i])) {
                return i;
            }
        }
        return -1;
    }
}
