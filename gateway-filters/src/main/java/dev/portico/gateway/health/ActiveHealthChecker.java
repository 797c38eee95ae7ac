package dev.portico.gateway.health;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.upstream.HealthCheckSpec;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * Active health checking of one upstream: every {@link HealthCheckSpec#interval()}, starting at once, each endpoint
 * is probed with {@code GET <path>}. A probe fails on an unexpected status, a connect error, or when it takes longer
 * than {@link HealthCheckSpec#timeout()} (connecting, response headers and draining the body together). An endpoint
 * is marked {@linkplain Endpoint#activeHealthy(boolean) unhealthy} after
 * {@link HealthCheckSpec#unhealthyThreshold()} failures in a row, and healthy again after
 * {@link HealthCheckSpec#healthyThreshold()} successes in a row, which also starts its slow-start ramp. Endpoints start
 * healthy: a gateway that just started routes at once, and a dead node is out after the unhealthy threshold.
 *
 * <p>{@code onChange} runs whenever an endpoint's verdict flips, so the owner can rebuild its load-balancer picker.
 * It runs on the thread that completed the probe (a Netty event loop or a {@link Schedulers#parallel()} worker) and
 * must be quick and non-blocking.
 *
 * <p>Connections: by default probes use {@link HttpClient#newConnection()}, one new connection per probe, closed
 * after the response. A health check should prove what a new request needs: that the node accepts connections and
 * answers. A pooled connection would hide a dead listener behind an old socket, and an idle one the node closed
 * at the moment of reuse would fail a probe of a healthy node; there is also no pool to size or dispose. The cost, a
 * TCP (and TLS) handshake per node per interval, is small at health-check rates. To share TLS or resolver settings,
 * pass a base client; its connection strategy is kept.
 *
 * <p>Scheduling never blocks: ticks come from {@link Flux#interval} on {@link Schedulers#parallel()}, probes are
 * Reactor Netty requests, and an endpoint whose previous probe has not finished skips a tick.
 *
 * <pre>{@code
 * ActiveHealthChecker checker = new ActiveHealthChecker(spec, endpoints, cluster::rebuildPicker).start();
 * List<EndpointHealth> now = checker.snapshot();
 * checker.close();
 * }</pre>
 */
public final class ActiveHealthChecker implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(ActiveHealthChecker.class);

    private final HealthCheckSpec spec;
    private final List<Probe> probes;
    private final HttpClient client;
    private final Runnable onChange;
    private final Object lock = new Object();
    private @Nullable Disposable ticks;
    private volatile boolean closed;

    /** A checker probing over new connections ({@link HttpClient#newConnection()}). */
    public ActiveHealthChecker(HealthCheckSpec spec, List<Endpoint> endpoints, Runnable onChange) {
        this(spec, endpoints, defaultClient(endpoints), onChange);
    }

    /**
     * A checker probing with {@code base}, configured once here with the spec's timeouts (connect and response),
     * no redirects, no compression and the spec's {@code Host}. The caller owns {@code base}'s resources.
     * @param endpoints the endpoints to probe; their active verdict is written by this checker only
     * @param onChange run after an endpoint's verdict flips
     */
    public ActiveHealthChecker(HealthCheckSpec spec, List<Endpoint> endpoints, HttpClient base, Runnable onChange) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.probes = endpoints.stream().map(e -> new Probe(e, e.node().baseUrl() + spec.path())).toList();
        String host = spec.host();
        this.client = Objects.requireNonNull(base, "base")
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, spec.timeout().toMillis()))
                .responseTimeout(spec.timeout())
                .followRedirect(false)
                .compress(false)
                .headers(headers -> {
                    headers.set(HttpHeaderNames.USER_AGENT, "portico-health-check");
                    if (host != null) {
                        headers.set(HttpHeaderNames.HOST, host);
                    }
                });
    }

    private static HttpClient defaultClient(List<Endpoint> endpoints) {
        HttpClient client = HttpClient.newConnection();
        return endpoints.stream().anyMatch(e -> e.node().secure()) ? client.secure() : client;
    }

    public HealthCheckSpec spec() {
        return this.spec;
    }

    /** Starts probing, the first round at once. Idempotent; a closed checker stays closed. */
    public ActiveHealthChecker start() {
        synchronized (this.lock) {
            if (this.ticks == null && !this.closed) {
                int concurrency = Math.max(1, this.probes.size());
                this.ticks = Flux.interval(Duration.ZERO, this.spec.interval(), Schedulers.parallel())
                        .onBackpressureDrop()
                        .flatMap(tick -> Flux.fromIterable(this.probes)
                                .filter(probe -> probe.inFlight.compareAndSet(false, true))
                                .flatMap(this::probe, concurrency))
                        .subscribe(done -> { }, ex -> logger.error("Active health checking stopped", ex));
            }
        }
        return this;
    }

    /** One probe of one endpoint; never fails: a failure is a result. */
    private Mono<Void> probe(Probe probe) {
        return this.client.get()
                .uri(probe.url)
                .response((response, body) -> body.then(Mono.just(response.status().code())))
                .next()
                .timeout(this.spec.timeout(), Schedulers.parallel())
                .map(status -> this.spec.expects(status) ? Result.OK : new Result(false, "status " + status))
                .switchIfEmpty(Mono.fromSupplier(() -> new Result(false, "no response")))
                .onErrorResume(ex -> Mono.just(new Result(false, describe(ex))))
                .doOnNext(result -> verdict(probe, result))
                .doFinally(signal -> probe.inFlight.set(false))
                .then();
    }

    private static String describe(Throwable ex) {
        return ex instanceof TimeoutException ? "timeout" : ex.getClass().getSimpleName()
                + (ex.getMessage() != null ? ": " + ex.getMessage() : "");
    }

    /** Counts a result; runs for one probe of an endpoint at a time (its in-flight flag orders them). */
    private void verdict(Probe probe, Result result) {
        if (this.closed) {
            return;
        }
        Endpoint endpoint = probe.endpoint;
        boolean flipped = false;
        if (result.ok()) {
            probe.failures = 0;
            if (!endpoint.activeHealthy() && ++probe.successes >= this.spec.healthyThreshold()) {
                probe.successes = 0;
                endpoint.startRamp(System.nanoTime()); // first: whoever sees it back sees it ramping
                endpoint.activeHealthy(true);
                flipped = true;
                logger.info("Health check: " + endpoint.node().uri() + " is healthy again after "
                        + this.spec.healthyThreshold() + " successful probes of " + this.spec.path());
            }
        }
        else {
            probe.successes = 0;
            if (endpoint.activeHealthy() && ++probe.failures >= this.spec.unhealthyThreshold()) {
                probe.failures = 0;
                endpoint.activeHealthy(false);
                flipped = true;
                logger.warn("Health check: " + endpoint.node().uri() + " is unhealthy after "
                        + this.spec.unhealthyThreshold() + " failed probes of " + this.spec.path() + " (last: "
                        + result.detail() + ")");
            }
        }
        if (flipped) {
            try {
                this.onChange.run();
            }
            catch (RuntimeException ex) {
                // probing must go on; the owner's bug is reported, not hidden
                logger.error("onChange of active health checking failed", ex);
            }
        }
    }

    /** The health of every endpoint now, in the given order. */
    public List<EndpointHealth> snapshot() {
        long now = System.nanoTime();
        return this.probes.stream().map(p -> EndpointHealth.of(p.endpoint, now)).toList();
    }

    /** Stops probing and cancels probes in flight. Idempotent. Endpoints keep their last verdict. */
    @Override
    public void close() {
        Disposable ticks;
        synchronized (this.lock) {
            this.closed = true;
            ticks = this.ticks;
        }
        if (ticks != null) {
            ticks.dispose();
        }
    }

    /** A probe's outcome; {@code detail} says why it failed. */
    private record Result(boolean ok, String detail) {

        static final Result OK = new Result(true, "ok");
    }

    /** The probing state of one endpoint. */
    private static final class Probe {

        final Endpoint endpoint;
        final String url;
        final AtomicBoolean inFlight = new AtomicBoolean();
        // written by one probe at a time; the in-flight flag's set/compareAndSet order the writes
        int successes;
        int failures;

        Probe(Endpoint endpoint, String url) {
            this.endpoint = endpoint;
            this.url = url;
        }
    }
}
