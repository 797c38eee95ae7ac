package dev.portico.gateway.upstream;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how a failed attempt is tried again. Immutable; validated on build.
 *
 * <ul>
 * <li>{@code attempts}: total attempts including the first (1 = no retries).</li>
 * <li>Retried on: a connection that could not be opened (always safe: nothing was sent, so any method), a response
 * with one of {@code statuses}, a response timeout, a connection reset before the response ({@code on-reset}). The last
 * three only for idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) unless {@code non-idempotent} is set.</li>
 * <li>Each retry goes to a node not tried yet when one is available.</li>
 * <li>Backoff between attempts: exponential from {@code backoff} to {@code max-backoff} with full jitter; a
 * {@code Retry-After} (seconds) on a retried 429/503 is honoured when it is at most {@code max-retry-after}, otherwise
 * the response is passed through.</li>
 * <li>A request body is replayed from a buffer of at most {@code max-replay-bytes}; a larger body is not retried
 * after it started to stream (a connect failure is still retried when the body was never read).</li>
 * <li>The retry budget caps retries in flight at {@code budget-percent} of the upstream's active requests (at least
 * {@code min-retry-concurrency}), so a failing upstream does not get a retry storm.</li>
 * </ul>
 */
public final class RetryPolicy {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    private static final RetryPolicy NONE = builder().attempts(1).build();

    private final int attempts;
    private final Set<Integer> statuses;
    private final boolean onTimeout;
    private final boolean onReset;
    private final boolean onConnectFailure;
    private final boolean nonIdempotent;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final long maxReplayBytes;
    private final int budgetPercent;
    private final int minRetryConcurrency;

    private RetryPolicy(Builder b) {
        if (b.attempts < 1 || b.attempts > 10) {
            throw InvalidSpecException.of("", "attempts", b.attempts, "expected: 1-10, including the first");
        }
        for (int status : b.statuses) {
            if (status < 400 || status > 599) {
                throw InvalidSpecException.of("", "statuses", status, "expected: 400-599");
            }
        }
        if (b.backoff.isNegative()) {
            throw InvalidSpecException.of("", "backoff", b.backoff, "expected: >= 0");
        }
        if (b.maxBackoff.compareTo(b.backoff) < 0) {
            throw InvalidSpecException.of("", "max-backoff", b.maxBackoff, "expected: >= backoff " + b.backoff);
        }
        if (b.maxReplayBytes < 0) {
            throw InvalidSpecException.of("", "max-replay-size", b.maxReplayBytes + " bytes", "expected: >= 0");
        }
        if (b.budgetPercent < 0 || b.budgetPercent > 100) {
            throw InvalidSpecException.of("", "budget-percent", b.budgetPercent, "expected: 0-100");
        }
        this.attempts = b.attempts;
        this.statuses = Set.copyOf(b.statuses);
        this.onTimeout = b.onTimeout;
        this.onReset = b.onReset;
        this.onConnectFailure = b.onConnectFailure;
        this.nonIdempotent = b.nonIdempotent;
        this.backoff = b.backoff;
        this.maxBackoff = b.maxBackoff;
        this.maxRetryAfter = b.maxRetryAfter;
        this.maxReplayBytes = b.maxReplayBytes;
        this.budgetPercent = b.budgetPercent;
        this.minRetryConcurrency = b.minRetryConcurrency;
    }

    /** One attempt, no retries: the default policy, and every other default of the builder. */
    public static RetryPolicy none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int attempts() {
        return this.attempts;
    }

    public boolean enabled() {
        return this.attempts > 1;
    }

    public Set<Integer> statuses() {
        return this.statuses;
    }

    public boolean onTimeout() {
        return this.onTimeout;
    }

    public boolean onReset() {
        return this.onReset;
    }

    public boolean onConnectFailure() {
        return this.onConnectFailure;
    }

    public boolean nonIdempotent() {
        return this.nonIdempotent;
    }

    public Duration backoff() {
        return this.backoff;
    }

    public Duration maxBackoff() {
        return this.maxBackoff;
    }

    public Duration maxRetryAfter() {
        return this.maxRetryAfter;
    }

    public long maxReplayBytes() {
        return this.maxReplayBytes;
    }

    public int budgetPercent() {
        return this.budgetPercent;
    }

    public int minRetryConcurrency() {
        return this.minRetryConcurrency;
    }

    /** Whether a method may be retried after something was sent. */
    public boolean mayRetrySent(String method) {
        return this.nonIdempotent || IDEMPOTENT.contains(method);
    }

    /** Exponential backoff with full jitter before retry number {@code retry} (1 = the first retry). */
    public long backoffNanos(int retry) {
        long base = this.backoff.toNanos();
        if (base == 0) {
            return 0;
        }
        long cap = Math.min(this.maxBackoff.toNanos(), base << Math.min(20, retry - 1));
        return ThreadLocalRandom.current().nextLong(cap + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy r && r.attempts == this.attempts && r.statuses.equals(this.statuses)
                && r.onTimeout == this.onTimeout && r.onReset == this.onReset
                && r.onConnectFailure == this.onConnectFailure && r.nonIdempotent == this.nonIdempotent
                && r.backoff.equals(this.backoff) && r.maxBackoff.equals(this.maxBackoff)
                && r.maxRetryAfter.equals(this.maxRetryAfter) && r.maxReplayBytes == this.maxReplayBytes
                && r.budgetPercent == this.budgetPercent && r.minRetryConcurrency == this.minRetryConcurrency;
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.attempts, this.statuses, this.backoff, this.maxReplayBytes);
    }

    @Override
    public String toString() {
        return "RetryPolicy[attempts=" + this.attempts + ", statuses=" + this.statuses + ", timeout=" + this.onTimeout
                + ", reset=" + this.onReset + ", backoff=" + this.backoff + ".." + this.maxBackoff + "]";
    }

    /** Builds a {@link RetryPolicy}; defaults: 1 attempt, statuses 502/503/504, on connect failure, timeout and reset,
     * idempotent methods only, backoff 25 ms to 250 ms, Retry-After up to 1 s, replay up to 64 KB, budget 20 %
     * (at least 3 retries in flight). */
    public static final class Builder {

        private int attempts = 1;
        private Set<Integer> statuses = Set.of(502, 503, 504);
        private boolean onTimeout = true;
        private boolean onReset = true;
        private boolean onConnectFailure = true;
        private boolean nonIdempotent;
        private Duration backoff = Duration.ofMillis(25);
        private Duration maxBackoff = Duration.ofMillis(250);
        private Duration maxRetryAfter = Duration.ofSeconds(1);
        private long maxReplayBytes = 64 * 1024;
        private int budgetPercent = 20;
        private int minRetryConcurrency = 3;

        private Builder() {
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder statuses(Set<Integer> statuses) {
            this.statuses = Objects.requireNonNull(statuses, "statuses");
            return this;
        }

        public Builder onTimeout(boolean onTimeout) {
            this.onTimeout = onTimeout;
            return this;
        }

        public Builder onReset(boolean onReset) {
            this.onReset = onReset;
            return this;
        }

        public Builder onConnectFailure(boolean onConnectFailure) {
            this.onConnectFailure = onConnectFailure;
            return this;
        }

        /** Whether non-idempotent methods (POST, PATCH) may be retried after they were sent. */
        public Builder nonIdempotent(boolean nonIdempotent) {
            this.nonIdempotent = nonIdempotent;
            return this;
        }

        public Builder backoff(Duration backoff, Duration maxBackoff) {
            return backoff(backoff).maxBackoff(maxBackoff);
        }

        /** The first backoff; later ones double up to {@link #maxBackoff}. */
        public Builder backoff(Duration backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
            return this;
        }

        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        public Builder maxReplayBytes(long maxReplayBytes) {
            this.maxReplayBytes = maxReplayBytes;
            return this;
        }

        public Builder budget(int percent, int minRetryConcurrency) {
            return budgetPercent(percent).minRetryConcurrency(minRetryConcurrency);
        }

        /** Retries in flight as a share of the upstream's requests in flight, 0-100. */
        public Builder budgetPercent(int percent) {
            this.budgetPercent = percent;
            return this;
        }

        /** Retries always allowed in flight, whatever the percentage. */
        public Builder minRetryConcurrency(int minRetryConcurrency) {
            this.minRetryConcurrency = minRetryConcurrency;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
