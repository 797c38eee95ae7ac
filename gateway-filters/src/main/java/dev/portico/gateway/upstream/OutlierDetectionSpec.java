package dev.portico.gateway.upstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Passive health checking of an upstream's nodes: a node that fails {@code consecutiveFailures} attempts in a row
 * (see {@link Outcome} for what counts) is ejected from load balancing for {@code baseEjectionTime} times the number
 * of times it has been ejected, at most {@code maxEjectionTime}; never more than {@code maxEjectionPercent} of the
 * nodes are ejected at once. A node coming back ramps up its share of traffic over {@code slowStart} (0: at once).
 * Immutable; validated once when built.
 *
 * <pre>{@code
 * OutlierDetectionSpec spec = OutlierDetectionSpec.builder()
 *         .consecutiveFailures(3)
 *         .baseEjectionTime(Duration.ofSeconds(10))
 *         .slowStart(Duration.ofSeconds(20))
 *         .build();
 * }</pre>
 *
 * <p>Defaults: 5 consecutive failures, base ejection 30 s, max ejection 300 s, max ejected 50 %, no slow start.
 */
public final class OutlierDetectionSpec {

    /** How users configure it; the start of every validation message. */
    private static final String SPEC = "outlier-detection";

    private static final OutlierDetectionSpec DEFAULTS = builder().build();

    private final int consecutiveFailures;
    private final Duration baseEjectionTime;
    private final Duration maxEjectionTime;
    private final int maxEjectionPercent;
    private final Duration slowStart;

    private OutlierDetectionSpec(Builder b) {
        if (b.consecutiveFailures < 1) {
            throw InvalidSpecException.of(SPEC, "consecutive-failures", b.consecutiveFailures, "expected: >= 1");
        }
        if (b.baseEjectionTime.isNegative() || b.baseEjectionTime.isZero()) {
            throw InvalidSpecException.of(SPEC, "base-ejection-time", b.baseEjectionTime, "expected: > 0");
        }
        if (b.maxEjectionTime.compareTo(b.baseEjectionTime) < 0) {
            throw InvalidSpecException.of(SPEC, "max-ejection-time", b.maxEjectionTime,
                    "expected: >= base-ejection-time " + b.baseEjectionTime);
        }
        if (b.maxEjectionPercent < 0 || b.maxEjectionPercent > 100) {
            throw InvalidSpecException.of(SPEC, "max-ejection-percent", b.maxEjectionPercent, "expected: 0-100");
        }
        if (b.slowStart.isNegative()) {
            throw InvalidSpecException.of(SPEC, "slow-start", b.slowStart, "expected: >= 0, 0 turns slow start off");
        }
        this.consecutiveFailures = b.consecutiveFailures;
        this.baseEjectionTime = b.baseEjectionTime;
        this.maxEjectionTime = b.maxEjectionTime;
        this.maxEjectionPercent = b.maxEjectionPercent;
        this.slowStart = b.slowStart;
    }

    /** 5 consecutive failures, base ejection 30 s, max ejection 300 s, max ejected 50 %, no slow start. */
    public static OutlierDetectionSpec defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec. */
    public Builder toBuilder() {
        return new Builder().consecutiveFailures(this.consecutiveFailures)
                .baseEjectionTime(this.baseEjectionTime)
                .maxEjectionTime(this.maxEjectionTime)
                .maxEjectionPercent(this.maxEjectionPercent)
                .slowStart(this.slowStart);
    }

    /** Failures in a row that eject a node. */
    public int consecutiveFailures() {
        return this.consecutiveFailures;
    }

    /** The first ejection's length; the n-th ejection lasts n times as long, up to {@link #maxEjectionTime()}. */
    public Duration baseEjectionTime() {
        return this.baseEjectionTime;
    }

    /** The longest an ejection lasts. */
    public Duration maxEjectionTime() {
        return this.maxEjectionTime;
    }

    /** The largest share of an upstream's nodes ejected at once, 0-100. */
    public int maxEjectionPercent() {
        return this.maxEjectionPercent;
    }

    /** How long a returning node takes to ramp up to its full weight; zero when slow start is off. */
    public Duration slowStart() {
        return this.slowStart;
    }

    /** The length of an ejection that is the node's {@code nth} (1 for the first), capped at the max. */
    public Duration ejectionTime(int nth) {
        long base = this.baseEjectionTime.toNanos();
        long max = this.maxEjectionTime.toNanos();
        long n = Math.max(1, nth);
        return Duration.ofNanos(n > max / base ? max : base * n); // n <= max / base: base * n <= max, no overflow
    }

    /** How often expired ejections are swept: the shorter of 1 s and a quarter of the base ejection time. */
    public Duration sweepInterval() {
        Duration quarter = this.baseEjectionTime.dividedBy(4);
        Duration interval = quarter.compareTo(Duration.ofSeconds(1)) < 0 ? quarter : Duration.ofSeconds(1);
        return interval.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : interval;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutlierDetectionSpec s && s.consecutiveFailures == this.consecutiveFailures
                && s.baseEjectionTime.equals(this.baseEjectionTime) && s.maxEjectionTime.equals(this.maxEjectionTime)
                && s.maxEjectionPercent == this.maxEjectionPercent && s.slowStart.equals(this.slowStart);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.consecutiveFailures, this.baseEjectionTime, this.maxEjectionTime,
                this.maxEjectionPercent, this.slowStart);
    }

    @Override
    public String toString() {
        return "OutlierDetectionSpec[eject after " + this.consecutiveFailures + " failures for " + this.baseEjectionTime
                + " x ejections up to " + this.maxEjectionTime + ", at most " + this.maxEjectionPercent
                + " % ejected, slow start " + this.slowStart + "]";
    }

    /** Builds an {@link OutlierDetectionSpec}; {@link #build()} validates. */
    public static final class Builder {

        private int consecutiveFailures = 5;
        private Duration baseEjectionTime = Duration.ofSeconds(30);
        private Duration maxEjectionTime = Duration.ofSeconds(300);
        private int maxEjectionPercent = 50;
        private Duration slowStart = Duration.ZERO;

        private Builder() {
        }

        public Builder consecutiveFailures(int consecutiveFailures) {
            this.consecutiveFailures = consecutiveFailures;
            return this;
        }

        public Builder baseEjectionTime(Duration baseEjectionTime) {
            this.baseEjectionTime = Objects.requireNonNull(baseEjectionTime, "baseEjectionTime");
            return this;
        }

        public Builder maxEjectionTime(Duration maxEjectionTime) {
            this.maxEjectionTime = Objects.requireNonNull(maxEjectionTime, "maxEjectionTime");
            return this;
        }

        public Builder maxEjectionPercent(int maxEjectionPercent) {
            this.maxEjectionPercent = maxEjectionPercent;
            return this;
        }

        public Builder slowStart(Duration slowStart) {
            this.slowStart = Objects.requireNonNull(slowStart, "slowStart");
            return this;
        }

        public OutlierDetectionSpec build() {
            return new OutlierDetectionSpec(this);
        }
    }
}
