package dev.portico.gateway.upstream;

import java.util.Objects;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * How requests are sent to an upstream: timeouts (connect, response, overall), the retry policy, hedging and the
 * circuit breaker. Both an {@link Upstream} and a route carry one; a field left unset ({@code null}, or a
 * {@code null} timeout) means "not stated here". Immutable.
 *
 * <p><b>The override rule</b>, implemented once in {@link #over}: each field the route sets wins; each field it leaves
 * unset comes from the upstream; what the upstream leaves unset comes from the engine's {@link #DEFAULTS}. Timeouts
 * are three fields (a route may set only {@code response} and keep the upstream's {@code connect}); the retry policy,
 * hedging and the circuit breaker are one field each (a route's retry policy replaces the upstream's as a whole).
 *
 * <pre>{@code
 * effective = route.policy().over(upstream.policy())   // upstream.policy() is already over DEFAULTS
 * }</pre>
 *
 * <pre>{@code
 * TrafficPolicy policy = TrafficPolicy.builder()
 *         .timeouts(Timeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10)))
 *         .retry(RetryPolicy.builder().attempts(3).build())
 *         .hedging(new Hedging(Duration.ofMillis(50)))
 *         .build();
 * }</pre>
 */
public final class TrafficPolicy {

    /** Nothing set: everything comes from the enclosing level. A route's policy when it states none. */
    public static final TrafficPolicy UNSET = new TrafficPolicy(Timeouts.inherit(), null, null, null);

    /**
     * The engine's defaults, the last level of the override rule: {@link Timeouts#defaults()} (connect and response,
     * no overall), {@link RetryPolicy#none()} (one attempt), no hedging, no circuit breaker.
     */
    public static final TrafficPolicy DEFAULTS = new TrafficPolicy(Timeouts.defaults(), RetryPolicy.none(), null, null);

    private final Timeouts timeouts;
    private final @Nullable RetryPolicy retry;
    private final @Nullable Hedging hedging;
    private final @Nullable CircuitBreaker circuitBreaker;
    private final int hash;

    private TrafficPolicy(Timeouts timeouts, @Nullable RetryPolicy retry, @Nullable Hedging hedging,
            @Nullable CircuitBreaker circuitBreaker) {
        this.timeouts = timeouts;
        this.retry = retry;
        this.hedging = hedging;
        this.circuitBreaker = circuitBreaker;
        this.hash = Objects.hash(timeouts, retry, hedging, System.identityHashCode(circuitBreaker));
    }

    public static Builder builder() {
        return new Builder(UNSET);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * This policy over {@code base}: each field set here wins, each unset field is taken from {@code base}. The one
     * place the route-over-upstream rule lives; see the class comment.
     */
    public TrafficPolicy over(TrafficPolicy base) {
        Timeouts t = this.timeouts.orElse(base.timeouts);
        RetryPolicy r = this.retry != null ? this.retry : base.retry;
        Hedging h = this.hedging != null ? this.hedging : base.hedging;
        CircuitBreaker c = this.circuitBreaker != null ? this.circuitBreaker : base.circuitBreaker;
        if (t == base.timeouts && r == base.retry && h == base.hedging && c == base.circuitBreaker) {
            return base;
        }
        return new TrafficPolicy(t, r, h, c);
    }

    /** Connect, response and overall timeouts; an unset one is {@code null}. */
    public Timeouts timeouts() {
        return this.timeouts;
    }

    /** The retry policy, or {@code null} when unset. */
    public @Nullable RetryPolicy retry() {
        return this.retry;
    }

    /** Hedging, or {@code null} when unset (none, once defaults apply). */
    public @Nullable Hedging hedging() {
        return this.hedging;
    }

    /** The circuit breaker, or {@code null} when unset (none, once defaults apply). */
    public @Nullable CircuitBreaker circuitBreaker() {
        return this.circuitBreaker;
    }

    /** Whether this policy sets nothing. */
    public boolean isUnset() {
        return equals(UNSET);
    }

    /** Equal fields; breakers are compared by identity (a breaker is live state, not a value). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficPolicy p && p.timeouts.equals(this.timeouts) && Objects.equals(p.retry, this.retry)
                && Objects.equals(p.hedging, this.hedging) && p.circuitBreaker == this.circuitBreaker;
    }

    @Override
    public int hashCode() {
        return this.hash;
    }

    @Override
    public String toString() {
        return "TrafficPolicy[" + this.timeouts + ", retry=" + this.retry + ", hedging=" + this.hedging
                + ", circuitBreaker=" + (this.circuitBreaker == null ? null : this.circuitBreaker.getName()) + "]";
    }

    /** Builds a {@link TrafficPolicy}; every field starts unset. */
    public static final class Builder {

        private Timeouts timeouts;
        private @Nullable RetryPolicy retry;
        private @Nullable Hedging hedging;
        private @Nullable CircuitBreaker circuitBreaker;

        private Builder(TrafficPolicy from) {
            this.timeouts = from.timeouts;
            this.retry = from.retry;
            this.hedging = from.hedging;
            this.circuitBreaker = from.circuitBreaker;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /** The retry policy; {@code null} leaves it unset. */
        public Builder retry(@Nullable RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /** Hedging; {@code null} leaves it unset. */
        public Builder hedging(@Nullable Hedging hedging) {
            this.hedging = hedging;
            return this;
        }

        /** The circuit breaker; {@code null} leaves it unset. */
        public Builder circuitBreaker(@Nullable CircuitBreaker circuitBreaker) {
            this.circuitBreaker = circuitBreaker;
            return this;
        }

        public TrafficPolicy build() {
            TrafficPolicy policy = new TrafficPolicy(this.timeouts, this.retry, this.hedging, this.circuitBreaker);
            return policy.equals(UNSET) ? UNSET : policy;
        }
    }
}
