package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Retries of an upstream or route; each unset value takes the engine's default (RetryPolicy). See
 * docs/resilience.md#retries.
 */
public class RetryProperties {

    /**
     * Total attempts including the first, 1-10; setting it turns retries on. Unset on a route: the upstream's retry
     * policy applies.
     */
    private @Nullable Integer attempts;

    /**
     * Response statuses that are retried (idempotent methods only unless non-idempotent is set). Default: 502, 503,
     * 504.
     */
    private @Nullable List<Integer> statuses;

    /** Whether a response timeout is retried. Default: true. */
    private @Nullable Boolean onTimeout;

    /** Whether a connection reset before the response is retried. Default: true. */
    private @Nullable Boolean onReset;

    /** Whether a failure to connect is retried (any method: nothing was sent). Default: true. */
    private @Nullable Boolean onConnectFailure;

    /** Whether non-idempotent methods (POST, PATCH) may be retried after they were sent. Default: false. */
    private @Nullable Boolean nonIdempotent;

    /** First backoff; later ones double up to max-backoff, each with full jitter. Default: 25ms. */
    private @Nullable Duration backoff;

    /** Largest backoff between attempts. Default: 250ms. */
    private @Nullable Duration maxBackoff;

    /**
     * Longest Retry-After (on 429/503) the gateway waits before retrying; a longer one is passed to the client.
     * Default: 1s.
     */
    private @Nullable Duration maxRetryAfter;

    /** Largest request body kept for replay; a larger body is not retried once it started to stream. Default: 64KB. */
    private @Nullable DataSize maxReplaySize;

    /** Retries in flight may be at most this percentage of the upstream's active requests. Default: 20. */
    private @Nullable Integer budgetPercent;

    /** Retries always allowed in flight regardless of the budget percentage. Default: 3. */
    private @Nullable Integer minRetryConcurrency;

    public @Nullable Integer getAttempts() {
        return this.attempts;
    }

    public void setAttempts(@Nullable Integer attempts) {
        this.attempts = attempts;
    }

    public @Nullable List<Integer> getStatuses() {
        return this.statuses;
    }

    public void setStatuses(@Nullable List<Integer> statuses) {
        this.statuses = statuses;
    }

    public @Nullable Boolean getOnTimeout() {
        return this.onTimeout;
    }

    public void setOnTimeout(@Nullable Boolean onTimeout) {
        this.onTimeout = onTimeout;
    }

    public @Nullable Boolean getOnReset() {
        return this.onReset;
    }

    public void setOnReset(@Nullable Boolean onReset) {
        this.onReset = onReset;
    }

    public @Nullable Boolean getOnConnectFailure() {
        return this.onConnectFailure;
    }

    public void setOnConnectFailure(@Nullable Boolean onConnectFailure) {
        this.onConnectFailure = onConnectFailure;
    }

    public @Nullable Boolean getNonIdempotent() {
        return this.nonIdempotent;
    }

    public void setNonIdempotent(@Nullable Boolean nonIdempotent) {
        this.nonIdempotent = nonIdempotent;
    }

    public @Nullable Duration getBackoff() {
        return this.backoff;
    }

    public void setBackoff(@Nullable Duration backoff) {
        this.backoff = backoff;
    }

    public @Nullable Duration getMaxBackoff() {
        return this.maxBackoff;
    }

    public void setMaxBackoff(@Nullable Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public @Nullable Duration getMaxRetryAfter() {
        return this.maxRetryAfter;
    }

    public void setMaxRetryAfter(@Nullable Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public @Nullable DataSize getMaxReplaySize() {
        return this.maxReplaySize;
    }

    public void setMaxReplaySize(@Nullable DataSize maxReplaySize) {
        this.maxReplaySize = maxReplaySize;
    }

    public @Nullable Integer getBudgetPercent() {
        return this.budgetPercent;
    }

    public void setBudgetPercent(@Nullable Integer budgetPercent) {
        this.budgetPercent = budgetPercent;
    }

    public @Nullable Integer getMinRetryConcurrency() {
        return this.minRetryConcurrency;
    }

    public void setMinRetryConcurrency(@Nullable Integer minRetryConcurrency) {
        this.minRetryConcurrency = minRetryConcurrency;
    }
}
