package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/** Retries of an upstream or route. See docs/resilience.md. */
public class RetryProperties {

    /** Total attempts including the first; 1 disables retries. Unset on a route: the upstream's retry policy applies. */
    private @Nullable Integer attempts;

    /** Response statuses that are retried (idempotent methods only unless non-idempotent is set). */
    private List<Integer> statuses = new ArrayList<>(List.of(502, 503, 504));

    /** Whether a response timeout is retried. */
    private boolean onTimeout = true;

    /** Whether a connection reset before the response is retried. */
    private boolean onReset = true;

    /** Whether a failure to connect is retried (any method: nothing was sent). */
    private boolean onConnectFailure = true;

    /** Whether non-idempotent methods (POST, PATCH) may be retried after they were sent. */
    private boolean nonIdempotent;

    /** First backoff; later ones double up to max-backoff, each with full jitter. */
    private Duration backoff = Duration.ofMillis(25);

    /** Largest backoff between attempts. */
    private Duration maxBackoff = Duration.ofMillis(250);

    /** Longest Retry-After (on 429/503) the gateway waits before retrying; a longer one is passed to the client. */
    private Duration maxRetryAfter = Duration.ofSeconds(1);

    /** Largest request body kept for replay; a larger body is not retried once it started to stream. */
    private DataSize maxReplaySize = DataSize.ofKilobytes(64);

    /** Retries in flight may be at most this percentage of the upstream's active requests. */
    private int budgetPercent = 20;

    /** Retries always allowed in flight regardless of the budget percentage. */
    private int minRetryConcurrency = 3;

    public @Nullable Integer getAttempts() {
        return this.attempts;
    }

    public void setAttempts(@Nullable Integer attempts) {
        this.attempts = attempts;
    }

    public List<Integer> getStatuses() {
        return this.statuses;
    }

    public void setStatuses(List<Integer> statuses) {
        this.statuses = statuses;
    }

    public boolean isOnTimeout() {
        return this.onTimeout;
    }

    public void setOnTimeout(boolean onTimeout) {
        this.onTimeout = onTimeout;
    }

    public boolean isOnReset() {
        return this.onReset;
    }

    public void setOnReset(boolean onReset) {
        this.onReset = onReset;
    }

    public boolean isOnConnectFailure() {
        return this.onConnectFailure;
    }

    public void setOnConnectFailure(boolean onConnectFailure) {
        this.onConnectFailure = onConnectFailure;
    }

    public boolean isNonIdempotent() {
        return this.nonIdempotent;
    }

    public void setNonIdempotent(boolean nonIdempotent) {
        this.nonIdempotent = nonIdempotent;
    }

    public Duration getBackoff() {
        return this.backoff;
    }

    public void setBackoff(Duration backoff) {
        this.backoff = backoff;
    }

    public Duration getMaxBackoff() {
        return this.maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getMaxRetryAfter() {
        return this.maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public DataSize getMaxReplaySize() {
        return this.maxReplaySize;
    }

    public void setMaxReplaySize(DataSize maxReplaySize) {
        this.maxReplaySize = maxReplaySize;
    }

    public int getBudgetPercent() {
        return this.budgetPercent;
    }

    public void setBudgetPercent(int budgetPercent) {
        this.budgetPercent = budgetPercent;
    }

    public int getMinRetryConcurrency() {
        return this.minRetryConcurrency;
    }

    public void setMinRetryConcurrency(int minRetryConcurrency) {
        this.minRetryConcurrency = minRetryConcurrency;
    }

}
