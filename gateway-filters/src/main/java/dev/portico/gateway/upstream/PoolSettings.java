package dev.portico.gateway.upstream;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Connection pool limits of an upstream: connections per node, how long a request may wait for one (then 503), how
 * long an idle connection is kept, and the longest a connection lives ({@code null}: no limit). Start from
 * {@link #DEFAULTS} and change what differs: {@code PoolSettings.DEFAULTS.withMaxConnections(64)}.
 */
public record PoolSettings(int maxConnections, Duration pendingAcquireTimeout, Duration maxIdleTime,
        @Nullable Duration maxLifeTime) {

    /** The engine's defaults: 512 connections per node, wait 10 s for one, idle 30 s, no life-time limit. */
    public static final PoolSettings DEFAULTS = new PoolSettings(512, Duration.ofSeconds(10), Duration.ofSeconds(30), null);

    public PoolSettings {
        if (maxConnections < 1) {
            throw InvalidSpecException.of("", "max-connections", maxConnections, "expected: >= 1");
        }
        Objects.requireNonNull(pendingAcquireTimeout, "pendingAcquireTimeout");
        Objects.requireNonNull(maxIdleTime, "maxIdleTime");
        if (pendingAcquireTimeout.isNegative()) {
            throw InvalidSpecException.of("pool", "pending-acquire-timeout", pendingAcquireTimeout, "expected: >= 0");
        }
        if (maxIdleTime.isNegative() || maxIdleTime.isZero()) {
            throw InvalidSpecException.of("pool", "max-idle-time", maxIdleTime, "expected: > 0");
        }
        if (maxLifeTime != null && (maxLifeTime.isNegative() || maxLifeTime.isZero())) {
            throw InvalidSpecException.of("pool", "max-life-time", maxLifeTime, "expected: > 0, or unset for no limit");
        }
    }

    public PoolSettings withMaxConnections(int maxConnections) {
        return new PoolSettings(maxConnections, this.pendingAcquireTimeout, this.maxIdleTime, this.maxLifeTime);
    }

    public PoolSettings withPendingAcquireTimeout(Duration pendingAcquireTimeout) {
        return new PoolSettings(this.maxConnections, pendingAcquireTimeout, this.maxIdleTime, this.maxLifeTime);
    }

    public PoolSettings withMaxIdleTime(Duration maxIdleTime) {
        return new PoolSettings(this.maxConnections, this.pendingAcquireTimeout, maxIdleTime, this.maxLifeTime);
    }

    /** {@code null} for no limit. */
    public PoolSettings withMaxLifeTime(@Nullable Duration maxLifeTime) {
        return new PoolSettings(this.maxConnections, this.pendingAcquireTimeout, this.maxIdleTime, maxLifeTime);
    }
}
