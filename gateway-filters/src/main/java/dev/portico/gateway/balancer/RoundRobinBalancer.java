package dev.portico.gateway.balancer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayExchange;
import org.jspecify.annotations.Nullable;

/**
 * Smooth weighted round-robin, nginx's algorithm, with the schedule computed once per picker: weights 5:1:1 give
 * {@code a a b a c a a}, not {@code a a a a a b c}, so no endpoint gets a burst.
 *
 * <p>Weights are the endpoints' {@linkplain Endpoint#effectiveWeight effective weights} when the picker is built,
 * so an endpoint returning from an ejection ramps up over the slow-start window as pickers are rebuilt. Those weights
 * can be fractional; the schedule uses them ×10, rounded (at least 1 slot each), reduced by their greatest common
 * divisor and, when still longer than {@value #MAX_SLOTS} slots, scaled down to about that length:
 * <pre>
 *   weights        5 : 1 : 1     (ramping: 5 : 0.25 : 1)
 *   ×10, rounded  50 : 10 : 10   (50 : 3 : 10)
 *   ÷ gcd          5 : 1 : 1     (period 63)
 *   schedule      [a a b a c a a]
 *                  ^ next (one atomic counter, shared by all threads)
 * </pre>
 * A pick is one atomic increment and an array read. With {@code exclude} (a retry), the picker walks forward from its
 * slot to the first endpoint not yet tried; when all were tried, it returns the scheduled one.
 *
 * <p>Each picker starts at a random slot, so that gateways (or pickers rebuilt at the same moment) don't all send
 * their first request to the same endpoint.
 */
public final class RoundRobinBalancer implements LoadBalancer {

    /** Upper bound of a schedule's length (plus at most one slot per endpoint from rounding). */
    static final int MAX_SLOTS = 10_000;

    private final long rampNanos;

    private RoundRobinBalancer(long rampNanos) {
        this.rampNanos = rampNanos;
    }

    /** Round-robin by configured weights, without slow start. */
    public static RoundRobinBalancer create() {
        return new RoundRobinBalancer(0);
    }

    /**
     * Round-robin whose endpoints ramp from 10 % to 100 % of their weight over {@code slowStart} after they return
     * ({@link Duration#ZERO}: no slow start).
     */
    public static RoundRobinBalancer withSlowStart(Duration slowStart) {
        return new RoundRobinBalancer(Pickers.rampNanos(slowStart));
    }

    @Override
    public Picker picker(List<Endpoint> endpoints, long nowNanos) {
        return picker(endpoints, nowNanos, -1);
    }

    /** As {@link #picker(List, long)}, starting at {@code firstSlot} (tests), or a random slot when negative. */
    Picker picker(List<Endpoint> endpoints, long nowNanos, int firstSlot) {
        if (endpoints.isEmpty()) {
            return Pickers.EMPTY;
        }
        Endpoint[] distinct = endpoints.toArray(new Endpoint[0]);
        if (distinct.length == 1) {
            Endpoint only = distinct[0];
            return (exchange, exclude) -> only;
        }
        double[] weights = new double[distinct.length];
        for (int i = 0; i < distinct.length; i++) {
            weights[i] = distinct[i].effectiveWeight(nowNanos, this.rampNanos);
        }
        Endpoint[] schedule = schedule(distinct, weights);
        int first = firstSlot >= 0 ? firstSlot % schedule.length : ThreadLocalRandom.current().nextInt(schedule.length);
        return new SchedulePicker(distinct, schedule, first);
    }

    /** The smooth weighted round-robin schedule of {@code endpoints} with {@code weights} (positive). */
    static Endpoint[] schedule(Endpoint[] endpoints, double[] weights) {
        int n = endpoints.length;
        long[] slots = new long[n];
        for (int i = 0; i < n; i++) {
            slots[i] = Math.max(1, Math.round(weights[i] * 10));
        }
        long total = reduce(slots);
        if (total > MAX_SLOTS) {
            double scale = (double) MAX_SLOTS / total;
            for (int i = 0; i < n; i++) {
                slots[i] = Math.max(1, Math.round(slots[i] * scale));
            }
            total = reduce(slots);
        }
        // nginx: every endpoint gains its weight, the one ahead is picked and pays back the total
        Endpoint[] schedule = new Endpoint[(int) total];
        long[] current = new long[n];
        for (int slot = 0; slot < schedule.length; slot++) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                current[i] += slots[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            schedule[slot] = endpoints[best];
        }
        return schedule;
    }

    /** Divides {@code slots} by their greatest common divisor; returns their sum. */
    private static long reduce(long[] slots) {
        long gcd = 0;
        for (long s : slots) {
            gcd = gcd(gcd, s);
        }
        long total = 0;
        for (int i = 0; i < slots.length; i++) {
            slots[i] /= gcd;
            total += slots[i];
        }
        return total;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public String toString() {
        return "RoundRobinBalancer[slowStart=" + Duration.ofNanos(this.rampNanos) + "]";
    }

    /** Walks a precomputed schedule; see the class comment. */
    private static final class SchedulePicker implements Picker {

        private final Endpoint[] endpoints;
        private final Endpoint[] schedule;
        private final AtomicInteger next;

        SchedulePicker(Endpoint[] endpoints, Endpoint[] schedule, int first) {
            this.endpoints = endpoints;
            this.schedule = schedule;
            this.next = new AtomicInteger(first);
        }

        @Override
        public @Nullable Endpoint pick(GatewayExchange exchange, Collection<Endpoint> exclude) {
            Endpoint[] schedule = this.schedule;
            int slot = (this.next.getAndIncrement() & Integer.MAX_VALUE) % schedule.length;
            Endpoint scheduled = schedule[slot];
            if (Pickers.allowed(scheduled, exclude) || Pickers.allExcluded(this.endpoints, exclude)) {
                return scheduled;
            }
            for (int step = 1; step < schedule.length; step++) {
                Endpoint candidate = schedule[(slot + step) % schedule.length];
                if (!exclude.contains(candidate)) {
                    return candidate;
                }
            }
            return scheduled;
        }
    }
}
