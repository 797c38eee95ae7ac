package dev.portico.gateway.server;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.internal.QueryParams;
import dev.portico.gateway.proxy.Proxy;
import dev.portico.gateway.route.TrafficSplit;
import dev.portico.gateway.upstream.HashKey;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The end of a split route's chain: picks one target's {@link Proxy} per request (force rule, else sticky bucket,
 * else smooth weighted round-robin), all precomputed when the route compiles. With a rollback policy it watches the
 * outcomes of every target but the first and reports a target whose error rate crosses the threshold.
 */
final class SplitChain implements GatewayFilterChain {

    static final int BUCKETS = 10_000;

    private final Proxy[] proxies;
    private final List<TrafficSplit.Force> force;
    private final int[] forceTarget;
    private final @Nullable HashKey sticky;
    private final int[] bucketEnd;
    private final int[] schedule;
    private final AtomicInteger next = new AtomicInteger();
    private final @Nullable Monitor[] monitors;

    /**
     * @param onSpike called once with the index of a target whose error rate crossed the rollback threshold
     */
    SplitChain(TrafficSplit split, Proxy[] proxies, @Nullable IntConsumer onSpike) {
        List<TrafficSplit.Target> targets = split.targets();
        this.proxies = proxies;
        this.force = split.force();
        this.forceTarget = new int[this.force.size()];
        for (int i = 0; i < this.force.size(); i++) {
            String upstream = this.force.get(i).upstream();
            for (int t = 0; t < targets.size(); t++) {
                if (targets.get(t).upstream().equals(upstream)) {
                    this.forceTarget[i] = t;
                }
            }
        }
        this.sticky = split.sticky();
        int total = targets.stream().mapToInt(TrafficSplit.Target::weight).sum();
        this.bucketEnd = new int[targets.size()];
        long cumulative = 0;
        for (int t = 0; t < targets.size(); t++) {
            cumulative += targets.get(t).weight();
            this.bucketEnd[t] = (int) Math.round((double) cumulative * BUCKETS / total);
        }
        this.schedule = schedule(targets, total);
        TrafficSplit.Rollback rollback = split.rollback();
        this.monitors = new Monitor[targets.size()];
        if (rollback != null && onSpike != null) {
            for (int t = 1; t < targets.size(); t++) {
                int target = t;
                this.monitors[t] = new Monitor(rollback, () -> onSpike.accept(target));
            }
        }
    }

    /** Smooth weighted round-robin over the targets, reduced by the weights' gcd. */
    private static int[] schedule(List<TrafficSplit.Target> targets, int total) {
        int gcd = 0;
        for (TrafficSplit.Target t : targets) {
            gcd = gcd(gcd, t.weight());
        }
        int length = total / gcd;
        int[] schedule = new int[length];
        int[] current = new int[targets.size()];
        for (int slot = 0; slot < length; slot++) {
            int best = -1;
            for (int i = 0; i < targets.size(); i++) {
                int weight = targets.get(i).weight() / gcd;
                if (weight == 0) {
                    continue;
                }
                current[i] += weight;
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= length;
            schedule[slot] = best;
        }
        return schedule;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The index of the target for this request. */
    int choose(GatewayExchange exchange) {
        for (int i = 0; i < this.force.size(); i++) {
            TrafficSplit.Force rule = this.force.get(i);
            String value = rule.cookie() ? QueryParams.cookie(exchange.requestHeaders(), rule.name())
                    : exchange.requestHeaders().get(rule.name());
            if (rule.value().equals(value)) {
                return this.forceTarget[i];
            }
        }
        if (this.sticky != null) {
            long hash = this.sticky.hash(exchange);
            if (hash >= 0) {
                int bucket = (int) (hash % BUCKETS);
                for (int t = 0; t < this.bucketEnd.length; t++) {
                    if (bucket < this.bucketEnd[t]) {
                        return t;
                    }
                }
            }
        }
        return this.schedule[(this.next.getAndIncrement() & Integer.MAX_VALUE) % this.schedule.length];
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange) {
        int target = choose(exchange);
        Mono<Void> result = this.proxies[target].filter(exchange);
        Monitor monitor = this.monitors[target];
        if (monitor == null) {
            return result;
        }
        return result.doOnSuccess(v -> monitor.record(exchange.responseStatus() >= 500))
                .doOnError(error -> monitor.record(true));
    }

    /** Counts requests and failures of one target in tumbling windows; reports the first window over the rate. */
    private static final class Monitor {

        private final TrafficSplit.Rollback policy;
        private final Runnable onSpike;
        private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicBoolean reported = new AtomicBoolean();

        Monitor(TrafficSplit.Rollback policy, Runnable onSpike) {
            this.policy = policy;
            this.onSpike = onSpike;
        }

        void record(boolean failure) {
            long now = System.nanoTime();
            long start = this.windowStart.get();
            if (now - start > this.policy.window().toNanos() && this.windowStart.compareAndSet(start, now)) {
                this.requests.set(0);
                this.failures.set(0);
            }
            int n = this.requests.incrementAndGet();
            int f = failure ? this.failures.incrementAndGet() : this.failures.get();
            if (n >= this.policy.minRequests() && f * 100L >= (long) this.policy.errorRatePercent() * n
                    && this.reported.compareAndSet(false, true)) {
                this.onSpike.run();
            }
        }
    }
}
