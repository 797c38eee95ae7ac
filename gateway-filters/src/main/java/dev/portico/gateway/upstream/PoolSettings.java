package dev.portico.gateway.upstream;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Connection pool limits of an upstream: connections per node, how long a request may wait for one (then 503), how
 * long an idle connection is kept, and the longest a connection lives ({@code null}: no limit).
 */
public record PoolSettings(int maxConnections, Duration pendingAcquireTimeout, Duration maxIdleTime,
        @Nullable Duration maxLifeTime) {

    public static final PoolSettings DEFAULTS = new PoolSettings(512, Duration.ofSeconds(10), Duration.ofSeconds(30), null);

    public PoolSettings {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max-connections: " + maxConnections + " (expected: >= 1)");
        }
        Objects.requireNonNull(pendingAcquireTimeout, "pendingAcquireTimeout");
        Objects.requireNonNull(maxIdleTime, "maxIdleTime");
        if (pendingAcquireTimeout.isNegative() || maxIdleTime.isNegative() || maxIdleTime.isZero()
                || (maxLifeTime != null && (maxLifeTime.isNegative() || maxLifeTime.isZero()))) {
            throw new IllegalArgumentException("pool durations must be positive: pending-acquire-timeout="
                    + pendingAcquireTimeout + ", max-idle-time=" + maxIdleTime + ", max-life-time=" + maxLifeTime);
        }
    }
}
