package dev.portico.gateway.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Passive health checking (outlier ejection) of an upstream's nodes; each unset value takes the engine's default
 * (OutlierDetectionSpec). See docs/upstreams.md#passive-health-checks.
 */
public class OutlierDetectionProperties {

    /** Whether failing nodes are ejected. */
    private boolean enabled;

    /** Failures in a row (5xx, connect errors, resets, timeouts) that eject a node. Default: 5. */
    private @Nullable Integer consecutiveFailures;

    /** Ejection time of a first ejection; the n-th ejection lasts n times this. Default: 30s. */
    private @Nullable Duration baseEjectionTime;

    /** Longest ejection. Default: 5m. */
    private @Nullable Duration maxEjectionTime;

    /** Largest share of nodes ejected at once, in percent. Default: 50. */
    private @Nullable Integer maxEjectionPercent;

    /** Window over which a returning node's weight ramps from 10 % to 100 %; 0 for none. Default: 0s. */
    private @Nullable Duration slowStart;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable Integer getConsecutiveFailures() {
        return this.consecutiveFailures;
    }

    public void setConsecutiveFailures(@Nullable Integer consecutiveFailures) {
        this.consecutiveFailures = consecutiveFailures;
    }

    public @Nullable Duration getBaseEjectionTime() {
        return this.baseEjectionTime;
    }

    public void setBaseEjectionTime(@Nullable Duration baseEjectionTime) {
        this.baseEjectionTime = baseEjectionTime;
    }

    public @Nullable Duration getMaxEjectionTime() {
        return this.maxEjectionTime;
    }

    public void setMaxEjectionTime(@Nullable Duration maxEjectionTime) {
        this.maxEjectionTime = maxEjectionTime;
    }

    public @Nullable Integer getMaxEjectionPercent() {
        return this.maxEjectionPercent;
    }

    public void setMaxEjectionPercent(@Nullable Integer maxEjectionPercent) {
        this.maxEjectionPercent = maxEjectionPercent;
    }

    public @Nullable Duration getSlowStart() {
        return this.slowStart;
    }

    public void setSlowStart(@Nullable Duration slowStart) {
        this.slowStart = slowStart;
    }
}
