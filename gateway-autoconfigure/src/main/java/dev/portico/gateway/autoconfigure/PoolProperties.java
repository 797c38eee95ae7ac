package dev.portico.gateway.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Connection pool limits: under portico.pool for every upstream, under an upstream for that one (its unset values come
 * from portico.pool, then from the engine's defaults). See docs/upstreams.md#connection-pools.
 */
public class PoolProperties {

    /**
     * Maximum connections to each node of an upstream (Reactor Netty keeps one pool per remote address). Default: 512.
     */
    private @Nullable Integer maxConnections;

    /** How long a request may wait for a free connection before failing with 503. Default: 10s. */
    private @Nullable Duration pendingAcquireTimeout;

    /** How long an idle pooled connection is kept before it is closed. Default: 30s. */
    private @Nullable Duration maxIdleTime;

    /** The longest a pooled connection is used before it is closed; unset for no limit. */
    private @Nullable Duration maxLifeTime;

    public @Nullable Integer getMaxConnections() {
        return this.maxConnections;
    }

    public void setMaxConnections(@Nullable Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public @Nullable Duration getPendingAcquireTimeout() {
        return this.pendingAcquireTimeout;
    }

    public void setPendingAcquireTimeout(@Nullable Duration pendingAcquireTimeout) {
        this.pendingAcquireTimeout = pendingAcquireTimeout;
    }

    public @Nullable Duration getMaxIdleTime() {
        return this.maxIdleTime;
    }

    public void setMaxIdleTime(@Nullable Duration maxIdleTime) {
        this.maxIdleTime = maxIdleTime;
    }

    public @Nullable Duration getMaxLifeTime() {
        return this.maxLifeTime;
    }

    public void setMaxLifeTime(@Nullable Duration maxLifeTime) {
        this.maxLifeTime = maxLifeTime;
    }

    boolean isSet() {
        return this.maxConnections != null || this.pendingAcquireTimeout != null || this.maxIdleTime != null
                || this.maxLifeTime != null;
    }
}
