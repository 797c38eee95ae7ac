package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Active health checking of an upstream's nodes; each unset value takes the engine's default (HealthCheckSpec). See
 * docs/upstreams.md#active-health-checks.
 */
public class HealthCheckProperties {

    /** Whether nodes are probed. */
    private boolean enabled;

    /** Path probed with GET on each node. Default: /health. */
    private @Nullable String path;

    /** Time between probes of a node. Default: 5s. */
    private @Nullable Duration interval;

    /** Time a probe may take (connect, headers and body); shorter than the interval. Default: 1s. */
    private @Nullable Duration timeout;

    /** Statuses that count as healthy: codes (200), classes (2xx) or ranges (200-399). Default: 200-399. */
    private @Nullable List<String> expectedStatuses;

    /** Consecutive successful probes that bring a node back. Default: 2. */
    private @Nullable Integer healthyThreshold;

    /** Consecutive failed probes that take a node out. Default: 3. */
    private @Nullable Integer unhealthyThreshold;

    /** Host header of probes; unset for the node's own address. */
    private @Nullable String host;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getPath() {
        return this.path;
    }

    public void setPath(@Nullable String path) {
        this.path = path;
    }

    public @Nullable Duration getInterval() {
        return this.interval;
    }

    public void setInterval(@Nullable Duration interval) {
        this.interval = interval;
    }

    public @Nullable Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(@Nullable Duration timeout) {
        this.timeout = timeout;
    }

    public @Nullable List<String> getExpectedStatuses() {
        return this.expectedStatuses;
    }

    public void setExpectedStatuses(@Nullable List<String> expectedStatuses) {
        this.expectedStatuses = expectedStatuses;
    }

    public @Nullable Integer getHealthyThreshold() {
        return this.healthyThreshold;
    }

    public void setHealthyThreshold(@Nullable Integer healthyThreshold) {
        this.healthyThreshold = healthyThreshold;
    }

    public @Nullable Integer getUnhealthyThreshold() {
        return this.unhealthyThreshold;
    }

    public void setUnhealthyThreshold(@Nullable Integer unhealthyThreshold) {
        this.unhealthyThreshold = unhealthyThreshold;
    }

    public @Nullable String getHost() {
        return this.host;
    }

    public void setHost(@Nullable String host) {
        this.host = host;
    }
}
