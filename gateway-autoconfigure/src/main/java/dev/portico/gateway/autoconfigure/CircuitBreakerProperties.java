package dev.portico.gateway.autoconfigure;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.jspecify.annotations.Nullable;

/**
 * A Resilience4j circuit breaker for an upstream or route. The breaker comes from the application's
 * {@code CircuitBreakerRegistry}, so {@code resilience4j.circuitbreaker.instances.<name>} configures it the standard
 * way; any property set here overrides that configuration. No time limiter is applied: the gateway's own timeouts
 * stay the only timeouts.
 */
public class CircuitBreakerProperties {

    /** Whether the circuit breaker is on. */
    private boolean enabled;

    /** Name of the breaker in the registry (its resilience4j instance); defaults to the upstream or route name. */
    private @Nullable String name;

    /** Failure rate in percent (5xx, connect errors, resets, timeouts) at which the circuit opens. */
    private @Nullable Float failureRateThreshold;

    /** Slow call rate in percent at which the circuit opens. */
    private @Nullable Float slowCallRateThreshold;

    /** Time to response headers above which a call counts as slow. */
    private @Nullable Duration slowCallDurationThreshold;

    /** Sliding window kind: count-based (last N calls) or time-based (last N seconds). */
    private @Nullable SlidingWindowType slidingWindowType;

    /** Sliding window size: calls (count-based) or seconds (time-based). */
    private @Nullable Integer slidingWindowSize;

    /** Calls needed in the window before rates are evaluated. */
    private @Nullable Integer minimumNumberOfCalls;

    /** How long the circuit stays open before half-open probes; also the Retry-After of fast failures. */
    private @Nullable Duration waitDurationInOpenState;

    /** Probe calls allowed while half-open. */
    private @Nullable Integer permittedNumberOfCallsInHalfOpenState;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getName() {
        return this.name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public @Nullable Float getFailureRateThreshold() {
        return this.failureRateThreshold;
    }

    public void setFailureRateThreshold(@Nullable Float failureRateThreshold) {
        this.failureRateThreshold = failureRateThreshold;
    }

    public @Nullable Float getSlowCallRateThreshold() {
        return this.slowCallRateThreshold;
    }

    public void setSlowCallRateThreshold(@Nullable Float slowCallRateThreshold) {
        this.slowCallRateThreshold = slowCallRateThreshold;
    }

    public @Nullable Duration getSlowCallDurationThreshold() {
        return this.slowCallDurationThreshold;
    }

    public void setSlowCallDurationThreshold(@Nullable Duration slowCallDurationThreshold) {
        this.slowCallDurationThreshold = slowCallDurationThreshold;
    }

    public @Nullable SlidingWindowType getSlidingWindowType() {
        return this.slidingWindowType;
    }

    public void setSlidingWindowType(@Nullable SlidingWindowType slidingWindowType) {
        this.slidingWindowType = slidingWindowType;
    }

    public @Nullable Integer getSlidingWindowSize() {
        return this.slidingWindowSize;
    }

    public void setSlidingWindowSize(@Nullable Integer slidingWindowSize) {
        this.slidingWindowSize = slidingWindowSize;
    }

    public @Nullable Integer getMinimumNumberOfCalls() {
        return this.minimumNumberOfCalls;
    }

    public void setMinimumNumberOfCalls(@Nullable Integer minimumNumberOfCalls) {
        this.minimumNumberOfCalls = minimumNumberOfCalls;
    }

    public @Nullable Duration getWaitDurationInOpenState() {
        return this.waitDurationInOpenState;
    }

    public void setWaitDurationInOpenState(@Nullable Duration waitDurationInOpenState) {
        this.waitDurationInOpenState = waitDurationInOpenState;
    }

    public @Nullable Integer getPermittedNumberOfCallsInHalfOpenState() {
        return this.permittedNumberOfCallsInHalfOpenState;
    }

    public void setPermittedNumberOfCallsInHalfOpenState(@Nullable Integer permittedNumberOfCallsInHalfOpenState) {
        this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
    }

    /** Whether any breaker setting is given here (rather than only in the resilience4j configuration). */
    boolean hasInlineSettings() {
        return this.failureRateThreshold != null || this.slowCallRateThreshold != null
                || this.slowCallDurationThreshold != null || this.slidingWindowType != null
                || this.slidingWindowSize != null || this.minimumNumberOfCalls != null
                || this.waitDurationInOpenState != null || this.permittedNumberOfCallsInHalfOpenState != null;
    }
}
