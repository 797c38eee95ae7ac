package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Active health checking of an upstream's nodes. See docs/upstreams.md. */
public class HealthCheckProperties {

    /** Whether nodes are probed. */
    private boolean enabled;

    /** Path probed with GET on each node. */
    private String path = "/health";

    /** Time between probes of a node. */
    private Duration interval = Duration.ofSeconds(5);

    /** Time a probe may take (connect, headers and body); shorter than the interval. */
    private Duration timeout = Duration.ofSeconds(1);

    /** Statuses that count as healthy: codes (200), classes (2xx) or ranges (200-399). */
    private List<String> expectedStatuses = new ArrayList<>(List.of("200-399"));

    /** Consecutive successful probes that bring a node back. */
    private int healthyThreshold = 2;

    /** Consecutive failed probes that take a node out. */
    private int unhealthyThreshold = 3;

    /** Host header of probes; unset for the node's own address. */
    private @Nullable String host;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return this.path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Duration getInterval() {
        return this.interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getTimeout() {
        return this.timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public List<String> getExpectedStatuses() {
        return this.expectedStatuses;
    }

    public void setExpectedStatuses(List<String> expectedStatuses) {
        this.expectedStatuses = expectedStatuses;
    }

    public int getHealthyThreshold() {
        return this.healthyThreshold;
    }

    public void setHealthyThreshold(int healthyThreshold) {
        this.healthyThreshold = healthyThreshold;
    }

    public int getUnhealthyThreshold() {
        return this.unhealthyThreshold;
    }

    public void setUnhealthyThreshold(int unhealthyThreshold) {
        this.unhealthyThreshold = unhealthyThreshold;
    }

    public @Nullable String getHost() {
        return this.host;
    }

    public void setHost(@Nullable String host) {
        this.host = host;
    }
}
