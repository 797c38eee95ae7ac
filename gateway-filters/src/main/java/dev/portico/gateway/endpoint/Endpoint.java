package dev.portico.gateway.endpoint;

import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.gateway.upstream.UpstreamNode;

/**
 * The live state of one node of an upstream: requests in flight, a latency average, and what health checking knows
 * (active check verdict, passive ejection, the slow-start ramp after it returns). One instance per node for the life
 * of its upstream cluster; read by load balancers, written by the proxy and the health checkers. All fields are
 * safe to read from any thread; writers are the documented owners.
 */
public final class Endpoint {

    /** Weight of the EWMA update: larger reacts faster. */
    private static final double EWMA_ALPHA = 0.3;

    private final UpstreamNode node;
    private final int index;
    private final AtomicInteger activeRequests = new AtomicInteger();
    private volatile double latencyEwmaNanos;

    // written by the active health checker
    private volatile boolean activeHealthy = true;

    // written by the outlier detector
    private volatile long ejectedUntilNanos;
    private volatile int ejections;
    // when the endpoint last returned from an ejection or last had its ejection count lowered
    private volatile long quietSinceNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    // slow start: when the endpoint (re)joined the pool, or 0 when it ramps no more
    private volatile long rampStartNanos;

    public Endpoint(UpstreamNode node, int index) {
        this.node = node;
        this.index = index;
    }

    public UpstreamNode node() {
        return this.node;
    }

    /** Position of the node in its upstream's node list: a stable small id for arrays and hashing. */
    public int index() {
        return this.index;
    }

    // ---- load

    public int activeRequests() {
        return this.activeRequests.get();
    }

    /** Called by the proxy when a request to this endpoint starts. */
    public void requestStarted() {
        this.activeRequests.incrementAndGet();
    }

    /**
     * Called by the proxy when a request to this endpoint ends.
     * @param latencyNanos time to response headers, or a negative value when there was no response
     */
    public void requestFinished(long latencyNanos) {
        this.activeRequests.decrementAndGet();
        if (latencyNanos >= 0) {
            double prior = this.latencyEwmaNanos;
            this.latencyEwmaNanos = prior == 0 ? latencyNanos : prior + EWMA_ALPHA * (latencyNanos - prior);
        }
    }

    /** Exponentially weighted moving average of time to response headers, in ns; 0 before the first sample. */
    public double latencyEwmaNanos() {
        return this.latencyEwmaNanos;
    }

    // ---- health

    /** The active health check's verdict (true when no active check is configured). */
    public boolean activeHealthy() {
        return this.activeHealthy;
    }

    public void activeHealthy(boolean healthy) {
        this.activeHealthy = healthy;
    }

    /** Whether passive health checking has ejected the endpoint at this time. */
    public boolean ejected(long nowNanos) {
        long until = this.ejectedUntilNanos;
        return until != 0 && nowNanos - until < 0;
    }

    /** Nanotime the current ejection ends, or 0 when the endpoint was never ejected or the ejection was lifted. */
    public long ejectedUntilNanos() {
        return this.ejectedUntilNanos;
    }

    /**
     * Ejects the endpoint until {@code untilNanos}; counts the ejection. One writer at a time (the outlier detector
     * calls it under its lock), so the plain increment of the volatile counter is safe.
     */
    public void eject(long untilNanos) {
        this.ejections++;
        this.ejectedUntilNanos = untilNanos;
        this.consecutiveFailures.set(0);
    }

    /** Ends an ejection (its time has passed); the endpoint may ramp up from {@code nowNanos}. */
    public synchronized void uneject(long nowNanos) {
        // ramp first: whoever sees the endpoint back also sees it ramping
        this.rampStartNanos = nowNanos == 0 ? 1 : nowNanos;
        this.quietSinceNanos = nowNanos;
        this.ejectedUntilNanos = 0;
    }

    /**
     * Lowers the ejection count by one once the endpoint has gone a full {@code periodNanos} without being ejected,
     * so that ejection times shrink again for a node that recovered (as Envoy does), instead of every later ejection
     * lasting the maximum. Called by the outlier detector under its lock, like {@link #eject}.
     * @return whether the count was lowered
     */
    public boolean decayEjections(long nowNanos, long periodNanos) {
        if (this.ejections == 0 || this.ejectedUntilNanos != 0 || nowNanos - this.quietSinceNanos < periodNanos) {
            return false;
        }
        this.ejections--;
        this.quietSinceNanos = nowNanos;
        return true;
    }

    /** How many times the endpoint has been ejected: ejection time grows with it. */
    public int ejections() {
        return this.ejections;
    }

    /** Failures in a row as seen by passive health checking; reset by a success. */
    public AtomicInteger consecutiveFailures() {
        return this.consecutiveFailures;
    }

    /** Whether the endpoint may receive traffic: healthy by active checks and not ejected. */
    public boolean available(long nowNanos) {
        return this.activeHealthy && !ejected(nowNanos);
    }

    /** Starts a slow-start ramp (after an active check brings the endpoint back). */
    public synchronized void startRamp(long nowNanos) {
        this.rampStartNanos = nowNanos == 0 ? 1 : nowNanos;
    }

    /**
     * The weight to balance with: the node's weight, scaled down while the endpoint ramps up after returning
     * (linearly from 10 % to 100 % over {@code rampNanos}; 0 disables slow start). Reads only: a finished ramp is
     * cleared by {@link #endRampIfDone}.
     */
    public double effectiveWeight(long nowNanos, long rampNanos) {
        long start = this.rampStartNanos;
        if (start == 0 || rampNanos <= 0) {
            return this.node.weight();
        }
        long elapsed = nowNanos - start;
        if (elapsed >= rampNanos) {
            return this.node.weight();
        }
        double fraction = Math.max(0.1, (double) elapsed / rampNanos);
        return this.node.weight() * fraction;
    }

    /** Clears a ramp that has run its course; returns whether the endpoint is still ramping. */
    public synchronized boolean endRampIfDone(long nowNanos, long rampNanos) {
        long start = this.rampStartNanos;
        if (start != 0 && (rampNanos <= 0 || nowNanos - start >= rampNanos)) {
            this.rampStartNanos = 0;
            return false;
        }
        return start != 0;
    }

    /** Whether the endpoint is still ramping up. */
    public boolean ramping() {
        return this.rampStartNanos != 0;
    }

    @Override
    public String toString() {
        return "Endpoint[" + this.node.uri() + ", active=" + activeRequests() + ", healthy=" + this.activeHealthy
                + (this.ejectedUntilNanos != 0 ? ", ejected" : "") + "]";
    }
}
