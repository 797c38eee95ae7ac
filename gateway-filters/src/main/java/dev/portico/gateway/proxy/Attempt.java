package dev.portico.gateway.proxy;

import java.util.concurrent.TimeUnit;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.observation.GatewayObservations;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * One attempt's bookkeeping, exactly once: the endpoint's load and latency, passive health, the circuit breaker.
 * Created when the attempt is sent; {@link #finish} records an outcome, {@link #abandon} records none.
 */
final class Attempt {

    private final UpstreamCluster cluster;
    private final Endpoint endpoint;
    private final @Nullable CircuitBreaker breaker;
    private final long startNanos;
    private final @Nullable Observation observation;
    private boolean finished;
    private int status;
    private @Nullable Throwable error;

    Attempt(UpstreamCluster cluster, Endpoint endpoint, @Nullable CircuitBreaker breaker,
            @Nullable Observation observation) {
        this.cluster = cluster;
        this.endpoint = endpoint;
        this.breaker = breaker;
        this.observation = observation;
        this.startNanos = System.nanoTime();
        endpoint.requestStarted();
    }

    /** The upstream answered with this status (headers received). */
    void answered(int status) {
        this.status = status;
    }

    /** The attempt failed with this error (recorded for its observation; the outcome is recorded by finish). */
    void failed(Throwable error) {
        this.error = error;
    }

    /**
     * The attempt's exchange is over (body streamed, failed or cancelled): frees what an attempt without an outcome
     * held ({@link #abandon}) and ends its observation.
     */
    void ended(boolean cancelled) {
        abandon();
        if (this.observation != null) {
            GatewayObservations.stopAttempt(this.observation, this.status, this.error, cancelled);
        }
    }

    Endpoint endpoint() {
        return this.endpoint;
    }

    /** Records the outcome: a response (latency to headers) or an error. */
    void finish(boolean failure, @Nullable Throwable error) {
        synchronized (this) {
            if (this.finished) {
                return;
            }
            this.finished = true;
        }
        long elapsed = System.nanoTime() - this.startNanos;
        this.endpoint.requestFinished(error == null ? elapsed : -1);
        this.cluster.record(this.endpoint, failure);
        if (this.breaker != null) {
            if (failure) {
                this.breaker.onError(elapsed, TimeUnit.NANOSECONDS,
                        error != null ? error : new UpstreamFailure(this.endpoint));
            }
            else {
                this.breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The attempt ended without an outcome (cancelled, or the gateway's own pool ran out): frees what it held. */
    void abandon() {
        synchronized (this) {
            if (this.finished) {
                return;
            }
            this.finished = true;
        }
        this.endpoint.requestFinished(-1);
        if (this.breaker != null) {
            this.breaker.releasePermission();
        }
    }

    /** A 5xx response, as the circuit breaker records it. */
    static final class UpstreamFailure extends RuntimeException {

        UpstreamFailure(Endpoint endpoint) {
            super("5xx from " + endpoint.node().uri(), null, false, false);
        }
    }
}
