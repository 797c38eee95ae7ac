package dev.portico.gateway.health;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.upstream.OutlierDetectionSpec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Passive health checking of one upstream: the proxy {@linkplain #record records} the {@link Outcome} of every
 * attempt, and an endpoint failing {@link OutlierDetectionSpec#consecutiveFailures()} attempts in a row is
 * {@linkplain Endpoint#eject ejected} for {@link OutlierDetectionSpec#ejectionTime(int)} (longer each time, capped),
 * unless that would take the share of ejected endpoints above {@link OutlierDetectionSpec#maxEjectionPercent()}; then
 * it stays and its count starts over.
 *
 * <p>An ejection ends when its time has passed: lazily, when an outcome for the endpoint is recorded after that, and
 * by a sweep every {@link OutlierDetectionSpec#sweepInterval()} on {@link Schedulers#parallel()} once
 * {@link #start() started}. Ending an ejection starts the endpoint's slow-start ramp. {@code onChange} runs after
 * every ejection and every end of one, so the owner can rebuild its load-balancer picker; it runs on the recording
 * or sweeping thread (possibly a Netty event loop) and must be quick and non-blocking.
 *
 * <p>Threading: a success only reads (and, after failures, resets) the endpoint's failure counter: no lock. A failure
 * increments it atomically; only reaching the threshold, or ending an ejection, takes this detector's lock, so
 * the max-percent rule sees a consistent count.
 *
 * <pre>{@code
 * OutlierDetector outliers = new OutlierDetector(spec, endpoints, cluster::rebuildPicker);
 * outliers.start();
 * // per attempt, in the proxy:
 * outliers.record(endpoint, Outcome.ofStatus(response.status().code()));
 * // on shutdown or when the upstream is replaced:
 * outliers.close();
 * }</pre>
 */
public final class OutlierDetector implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(OutlierDetector.class);

    private final OutlierDetectionSpec spec;
    private final List<Endpoint> endpoints;
    private final Runnable onChange;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private volatile @Nullable Disposable sweeper;
    private volatile boolean closed;

    /** A detector on the system clock ({@link System#nanoTime()}). */
    public OutlierDetector(OutlierDetectionSpec spec, List<Endpoint> endpoints, Runnable onChange) {
        this(spec, endpoints, onChange, System::nanoTime);
    }

    /**
     * A detector on {@code nanoClock}, a {@link System#nanoTime()}-like source (tests advance it by hand).
     * @param endpoints all endpoints of the upstream (the max-percent rule counts them)
     * @param onChange run after an endpoint is ejected or returns
     */
    public OutlierDetector(OutlierDetectionSpec spec, List<Endpoint> endpoints, Runnable onChange,
            LongSupplier nanoClock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.endpoints = List.copyOf(endpoints);
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public OutlierDetectionSpec spec() {
        return this.spec;
    }

    /**
     * Starts the periodic sweep that ends expired ejections and lets the ejection count of recovered nodes decay by
     * one per base ejection time. Idempotent; a closed detector stays closed.
     */
    public OutlierDetector start() {
        synchronized (this.lock) {
            if (this.sweeper == null && !this.closed) {
                this.sweeper = Flux.interval(this.spec.sweepInterval(), Schedulers.parallel())
                        .onBackpressureDrop()
                        .subscribe(tick -> sweep(), ex -> logger.error("Outlier ejection sweep stopped", ex));
            }
        }
        return this;
    }

    /**
     * Counts the outcome of one attempt to {@code endpoint} (one of this detector's). Non-blocking; lock-free unless
     * this failure reaches the threshold or an expired ejection ends. Outcomes reported while the endpoint is
     * ejected (of attempts that started before) are ignored.
     */
    public void record(Endpoint endpoint, Outcome outcome) {
        if (endpoint.ejectedUntilNanos() != 0) {
            if (endpoint.ejected(this.nanoClock.getAsLong())) {
                return;
            }
            endIfExpired(endpoint);
        }
        if (outcome == Outcome.SUCCESS) {
            if (endpoint.consecutiveFailures().get() != 0) {
                endpoint.consecutiveFailures().set(0);
            }
        }
        else if (endpoint.consecutiveFailures().incrementAndGet() >= this.spec.consecutiveFailures()) {
            tryEject(endpoint);
        }
    }

    private void tryEject(Endpoint endpoint) {
        boolean ejected;
        synchronized (this.lock) {
            long now = this.nanoClock.getAsLong();
            if (endpoint.ejected(now) || endpoint.consecutiveFailures().get() < this.spec.consecutiveFailures()) {
                return; // a concurrent failure got here first
            }
            int alreadyEjected = 0;
            for (Endpoint e : this.endpoints) {
                if (e.ejected(now)) {
                    alreadyEjected++;
                }
            }
            ejected = (alreadyEjected + 1) * 100L <= (long) this.spec.maxEjectionPercent() * this.endpoints.size();
            if (ejected) {
                long until = now + this.spec.ejectionTime(endpoint.ejections() + 1).toNanos();
                endpoint.eject(until == 0 ? 1 : until);
            }
            else {
                endpoint.consecutiveFailures().set(0);
            }
        }
        if (ejected) {
            logger.info("Ejected " + endpoint.node().uri() + " after " + this.spec.consecutiveFailures()
                    + " consecutive failures (ejection " + endpoint.ejections() + ")");
            changed();
        }
    }

    /** Ends {@code endpoint}'s ejection if its time has passed. */
    private void endIfExpired(Endpoint endpoint) {
        boolean ended = false;
        synchronized (this.lock) {
            long now = this.nanoClock.getAsLong();
            if (endpoint.ejectedUntilNanos() != 0 && !endpoint.ejected(now)) {
                endpoint.uneject(now);
                ended = true;
            }
        }
        if (ended) {
            changed();
        }
    }

    /**
     * Ends every ejection whose time has passed, and runs {@code onChange} once if any did. The periodic sweep calls
     * this; callers may too (e.g. before building a picker).
     * @return whether an ejection ended
     */
    public boolean sweep() {
        boolean ended = false;
        synchronized (this.lock) {
            long now = this.nanoClock.getAsLong();
            for (Endpoint endpoint : this.endpoints) {
                if (endpoint.ejectedUntilNanos() != 0 && !endpoint.ejected(now)) {
                    endpoint.uneject(now);
                    ended = true;
                }
                else {
                    // a node that stays healthy for a base ejection time earns back one step of ejection time
                    endpoint.decayEjections(now, this.spec.baseEjectionTime().toNanos());
                }
            }
        }
        if (ended) {
            changed();
        }
        return ended;
    }

    private void changed() {
        try {
            this.onChange.run();
        }
        catch (RuntimeException ex) {
            // the detector must keep working; the owner's bug is reported, not hidden
            logger.error("onChange of outlier detection failed", ex);
        }
    }

    /** The health of every endpoint now. */
    public List<EndpointHealth> snapshot() {
        long now = this.nanoClock.getAsLong();
        return this.endpoints.stream().map(e -> EndpointHealth.of(e, now)).toList();
    }

    /** Stops the sweep; recording still works (lazily ending ejections). Idempotent. */
    @Override
    public void close() {
        Disposable sweeper;
        synchronized (this.lock) {
            this.closed = true;
            sweeper = this.sweeper;
        }
        if (sweeper != null) {
            sweeper.dispose();
        }
    }
}
