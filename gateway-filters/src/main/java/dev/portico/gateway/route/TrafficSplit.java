package dev.portico.gateway.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.portico.gateway.upstream.HashKey;
import org.jspecify.annotations.Nullable;

/**
 * A route's traffic split across upstreams by weight: a canary release sends, say, 95 % to {@code orders-v1} and
 * 5 % to {@code orders-v2}. Immutable; {@link #withWeights} derives the next step of a rollout.
 *
 * <ul>
 * <li><b>Weights</b> are relative (0 to 10,000 each; at least one above 0). Without a sticky key requests follow a
 * smooth weighted round-robin over the targets, so a 95/5 split is exact over every 20 requests.</li>
 * <li><b>Force rules</b> pin a request to a target when a header or cookie has a value ({@code X-Canary: always}),
 * before weights apply, even when that target's weight is 0.</li>
 * <li><b>Sticky</b>: with a hash key (a header, cookie, client IP, path or consumer) a key always lands in the same
 * bucket of 10,000; targets own consecutive ranges of buckets in declaration order, so the same user keeps the same
 * version while weights stay, and a key already on the last target stays there as that target's weight grows.</li>
 * <li><b>Rollback</b>: optionally, when a target other than the first answers too many 5xx or errors within a window,
 * its weight moves to the first target: the canary is rolled back with no redeployment.</li>
 * </ul>
 */
public final class TrafficSplit {

    /** One target upstream and its weight. */
    public record Target(String upstream, int weight) {

        public Target {
            Objects.requireNonNull(upstream, "upstream");
            if (upstream.isBlank()) {
                throw new IllegalArgumentException("split target has no upstream name");
            }
            if (weight < 0 || weight > 10_000) {
                throw new IllegalArgumentException("weight of '" + upstream + "': " + weight + " (expected: 0-10000)");
            }
        }
    }

    /** Sends requests whose header or cookie {@code name} equals {@code value} to {@code upstream}. */
    public record Force(boolean cookie, String name, String value, String upstream) {

        public Force {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(upstream, "upstream");
            if (name.isBlank()) {
                throw new IllegalArgumentException("force rule has no header or cookie name");
            }
        }

        public static Force header(String name, String value, String upstream) {
            return new Force(false, name, value, upstream);
        }

        public static Force cookie(String name, String value, String upstream) {
            return new Force(true, name, value, upstream);
        }
    }

    /**
     * Automatic rollback: when a target other than the first has at least {@code minRequests} in the current
     * {@code window} and {@code errorRatePercent} % or more of them failed (5xx or no response), its weight moves to
     * the first target.
     */
    public record Rollback(int errorRatePercent, int minRequests, Duration window) {

        public Rollback {
            if (errorRatePercent < 1 || errorRatePercent > 100) {
                throw new IllegalArgumentException("rollback error-rate: " + errorRatePercent + " (expected: 1-100)");
            }
            if (minRequests < 1) {
                throw new IllegalArgumentException("rollback min-requests: " + minRequests + " (expected: >= 1)");
            }
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("rollback window: " + window + " (expected: > 0)");
            }
        }
    }

    private final List<Target> targets;
    private final List<Force> force;
    private final @Nullable HashKey sticky;
    private final @Nullable Rollback rollback;

    private TrafficSplit(List<Target> targets, List<Force> force, @Nullable HashKey sticky, @Nullable Rollback rollback) {
        if (targets.size() < 2) {
            throw new IllegalArgumentException("a split needs at least two targets (got " + targets.size() + ")");
        }
        Set<String> names = new HashSet<>();
        int total = 0;
        for (Target target : targets) {
            if (!names.add(target.upstream())) {
                throw new IllegalArgumentException("split lists upstream '" + target.upstream() + "' twice");
            }
            total += target.weight();
        }
        if (total == 0) {
            throw new IllegalArgumentException("split weights are all 0 (expected at least one above 0)");
        }
        for (Force rule : force) {
            if (!names.contains(rule.upstream())) {
                throw new IllegalArgumentException("force rule targets '" + rule.upstream()
                        + "', which is not in the split (expected one of " + names + ")");
            }
        }
        this.targets = List.copyOf(targets);
        this.force = List.copyOf(force);
        this.sticky = sticky;
        this.rollback = rollback;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Target> targets() {
        return this.targets;
    }

    public List<Force> force() {
        return this.force;
    }

    public @Nullable HashKey sticky() {
        return this.sticky;
    }

    public @Nullable Rollback rollback() {
        return this.rollback;
    }

    /** The weight of each target by upstream name, in declaration order. */
    public Map<String, Integer> weights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        this.targets.forEach(t -> weights.put(t.upstream(), t.weight()));
        return weights;
    }

    /**
     * The same split with new weights for the named targets (others keep theirs): one step of a rollout.
     * @throws IllegalArgumentException for a name that is not a target, or weights that leave no traffic anywhere
     */
    public TrafficSplit withWeights(Map<String, Integer> weights) {
        Set<String> known = weights().keySet();
        for (String name : weights.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a target of this split (expected one of "
                        + known + ")");
            }
        }
        List<Target> next = new ArrayList<>(this.targets.size());
        for (Target target : this.targets) {
            Integer weight = weights.get(target.upstream());
            next.add(weight == null ? target : new Target(target.upstream(), weight));
        }
        return new TrafficSplit(next, this.force, this.sticky, this.rollback);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficSplit t && t.targets.equals(this.targets) && t.force.equals(this.force)
                && Objects.equals(t.sticky, this.sticky) && Objects.equals(t.rollback, this.rollback);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.targets, this.force, this.sticky, this.rollback);
    }

    @Override
    public String toString() {
        return "TrafficSplit" + weights() + (this.sticky != null ? " sticky " + this.sticky : "");
    }

    /** Builds a {@link TrafficSplit}. */
    public static final class Builder {

        private final List<Target> targets = new ArrayList<>();
        private final List<Force> force = new ArrayList<>();
        private @Nullable HashKey sticky;
        private @Nullable Rollback rollback;

        private Builder() {
        }

        public Builder target(String upstream, int weight) {
            this.targets.add(new Target(upstream, weight));
            return this;
        }

        public Builder force(Force rule) {
            this.force.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public Builder sticky(@Nullable HashKey key) {
            this.sticky = key;
            return this;
        }

        public Builder rollback(@Nullable Rollback rollback) {
            this.rollback = rollback;
            return this;
        }

        public TrafficSplit build() {
            return new TrafficSplit(this.targets, this.force, this.sticky, this.rollback);
        }
    }
}
