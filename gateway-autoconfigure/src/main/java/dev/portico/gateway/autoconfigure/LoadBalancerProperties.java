package dev.portico.gateway.autoconfigure;

import java.time.Duration;

import dev.portico.gateway.upstream.LoadBalancerSpec.Policy;
import org.jspecify.annotations.Nullable;

/** How an upstream spreads requests over its nodes. See docs/upstreams.md#load-balancing. */
public class LoadBalancerProperties {

    /**
     * Policy: round-robin (smooth weighted), least-request (power of two choices), ewma (latency-aware) or consistent-
     * hash. Default: round-robin.
     */
    private @Nullable Policy policy;

    /** Key of consistent-hash: header:<name>, cookie:<name>, client-ip, path or consumer. */
    private @Nullable String hashKey;

    /** Window over which a returning node ramps up (not for consistent-hash); defaults to outlier-detection's. */
    private @Nullable Duration slowStart;

    public @Nullable Policy getPolicy() {
        return this.policy;
    }

    public void setPolicy(@Nullable Policy policy) {
        this.policy = policy;
    }

    public @Nullable String getHashKey() {
        return this.hashKey;
    }

    public void setHashKey(@Nullable String hashKey) {
        this.hashKey = hashKey;
    }

    public @Nullable Duration getSlowStart() {
        return this.slowStart;
    }

    public void setSlowStart(@Nullable Duration slowStart) {
        this.slowStart = slowStart;
    }
}
