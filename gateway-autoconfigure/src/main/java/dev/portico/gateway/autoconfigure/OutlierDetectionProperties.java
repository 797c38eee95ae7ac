package dev.portico.gateway.autoconfigure;

import java.time.Duration;

/** Passive health checking (outlier ejection) of an upstream's nodes. See docs/upstreams.md. */
public class OutlierDetectionProperties {

    /** Whether failing nodes are ejected. */
    private boolean enabled;

    /** Failures in a row (5xx, connect errors, resets, timeouts) that eject a node. */
    private int consecutiveFailures = 5;

    /** Ejection time of a first ejection; the n-th ejection lasts n times this. */
    private Duration baseEjectionTime = Duration.ofSeconds(30);

    /** Longest ejection. */
    private Duration maxEjectionTime = Duration.ofSeconds(300);

    /** Largest share of nodes ejected at once, in percent. */
    private int maxEjectionPercent = 50;

    /** Window over which a returning node's weight ramps from 10 % to 100 %; 0 for none. */
    private Duration slowStart = Duration.ZERO;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getConsecutiveFailures() {
        return this.consecutiveFailures;
    }

    public void setConsecutiveFailures(int consecutiveFailures) {
        this.consecutiveFailures = consecutiveFailures;
    }

    public Duration getBaseEjectionTime() {
        return this.baseEjectionTime;
    }

    public void setBaseEjectionTime(Duration baseEjectionTime) {
        this.baseEjectionTime = baseEjectionTime;
    }

    public Duration getMaxEjectionTime() {
        return this.maxEjectionTime;
    }

    public void setMaxEjectionTime(Duration maxEjectionTime) {
        this.maxEjectionTime = maxEjectionTime;
    }

    public int getMaxEjectionPercent() {
        return this.maxEjectionPercent;
    }

    public void setMaxEjectionPercent(int maxEjectionPercent) {
        this.maxEjectionPercent = maxEjectionPercent;
    }

    public Duration getSlowStart() {
        return this.slowStart;
    }

    public void setSlowStart(Duration slowStart) {
        this.slowStart = slowStart;
    }
}
