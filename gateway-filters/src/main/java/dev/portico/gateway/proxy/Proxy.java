package dev.portico.gateway.proxy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.ResponseFilter;
import dev.portico.gateway.internal.HopByHopHeaders;
import dev.portico.gateway.upstream.Hedging;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Timeouts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The end of every route's chain: sends the exchange's outgoing request to a node of the upstream and streams the
 * response back. Built when the route compiles, with the client, timeouts, retry policy, hedging, circuit breaker and
 * response filters it will use.
 *
 * <pre>
 *  client ──body──▶ server.receive() ─retain─▶ client.send()  ──▶ upstream
 *  client ◀─body─── server.send()   ◀─retain── client.receive() ◀── upstream
 * </pre>
 *
 * Both directions stream with backpressure: a buffer is read only when the other side can take it, so a 100 MB body
 * needs no more memory than a few buffers. If the client goes away, the server side cancels, which cancels the
 * upstream exchange and closes (not pools) its connection.
 *
 * <p>One request is a {@link Call}: attempts, each to an endpoint the balancer picks (avoiding endpoints already
 * tried). An attempt's outcome is recorded on its endpoint (load, latency, passive health) and circuit breaker. The
 * decision to retry on a status is taken on the response headers, before anything reaches the client; the retried
 * response's body is drained so its connection can be reused.
 */
public final class Proxy implements GatewayFilterChain {

    private final UpstreamCluster cluster;
    private final HttpClient[] clients;
    private final Duration responseTimeout;
    private final long overallNanos;
    private final RetryPolicy retry;
    private final @Nullable Hedging hedging;
    private final @Nullable CircuitBreaker breaker;
    private final ResponseFilter[] responseFilters;

    /**
     * @param clients the client of each endpoint of the cluster, by {@link Endpoint#index()}
     */
    public Proxy(UpstreamCluster cluster, HttpClient[] clients, Timeouts timeouts, RetryPolicy retry,
            @Nullable Hedging hedging, @Nullable CircuitBreaker breaker, ResponseFilter[] responseFilters) {
        if (clients.length != cluster.endpoints().size()) {
            throw new IllegalArgumentException("clients: " + clients.length + " (expected one per endpoint: "
                    + cluster.endpoints().size() + ")");
        }
        this.cluster = cluster;
        this.clients = clients.clone();
        this.responseTimeout = timeouts.response();
        this.overallNanos = timeouts.overall() == null ? 0 : timeouts.overall().toNanos();
        this.retry = retry;
        this.hedging = hedging;
        this.breaker = breaker;
        this.responseFilters = responseFilters;
    }

    /** A proxy with no retries, hedging or breaker: the plain forwarding path. */
    public Proxy(UpstreamCluster cluster, Duration responseTimeout, ResponseFilter[] responseFilters) {
        this(cluster, cluster.endpointClients(), Timeouts.of(null, responseTimeout), RetryPolicy.none(), null, null,
                responseFilters);
    }

    public UpstreamCluster upstream() {
        return this.cluster;
    }

    public Duration responseTimeout() {
        return this.responseTimeout;
    }

    public RetryPolicy retry() {
        return this.retry;
    }

    public @Nullable CircuitBreaker circuitBreaker() {
        return this.breaker;
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange) {
        HttpServerResponse response = exchange.serverResponse();
        if (response == null) {
            return Mono.error(new IllegalStateException("exchange has no server response to proxy into"));
        }
        Publisher<ByteBuf> body = null;
        if (exchange.hasRequestBody()) {
            long max = exchange.maxRequestBodyBytes();
            if (max >= 0 && BodyLimit.declaredLength(exchange.requestHeaders()) > max) {
                return Mono.error(BodyLimit.tooLarge(max)); // refused before a byte is read or sent
            }
            body = max < 0 ? exchange.requestBody() : BodyLimit.limit(exchange.requestBody(), max);
        }
        Call call = new Call(exchange, response, body);
        return call.run();
    }

    /** Runs response filters, last declared first. */
    public static void applyResponseFilters(GatewayExchange exchange, ResponseFilter[] filters) {
        for (int i = filters.length - 1; i >= 0; i--) {
            filters[i].applyResponse(exchange);
        }
    }

    private GatewayException circuitOpen(CircuitBreaker breaker) {
        long waitMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
        long seconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(waitMillis + 999));
        return new GatewayException(503, "Service Unavailable",
                "circuit breaker '" + breaker.getName() + "' of upstream '" + this.cluster.name() + "' is open")
                .withHeader("Retry-After", Long.toString(seconds));
    }

    /** Whether an error happened before anything was sent upstream (so any method may be retried). */
    private static boolean beforeSending(Throwable error) {
        return error instanceof ConnectException || error instanceof ConnectTimeoutException
                || error instanceof java.net.UnknownHostException;
    }

    /** Whether an error says nothing about the node (the gateway's own pool ran out): not recorded against it. */
    private static boolean notTheNodesFault(Throwable error) {
        return error instanceof reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException
                || error instanceof reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
    }

    /** One request: its attempts, what they tried, the body they share. */
    private final class Call {

        private final GatewayExchange exchange;
        private final HttpServerResponse response;
        private final @Nullable Publisher<ByteBuf> body;
        private final @Nullable ReplayableBody replay;
        private final long deadline;
        private final List<Endpoint> tried;
        private final boolean tracking;
        private int attempts;

        Call(GatewayExchange exchange, HttpServerResponse response, @Nullable Publisher<ByteBuf> body) {
            this.exchange = exchange;
            this.response = response;
            boolean retries = Proxy.this.retry.enabled();
            this.replay = retries && body != null ? new ReplayableBody(body, Proxy.this.retry.maxReplayBytes()) : null;
            this.body = body;
            this.deadline = Proxy.this.overallNanos == 0 ? 0 : System.nanoTime() + Proxy.this.overallNanos;
            this.tracking = retries || Proxy.this.hedging != null;
            this.tried = this.tracking ? new ArrayList<>(2) : List.of();
        }

        Mono<Void> run() {
            if (!Proxy.this.retry.enabled() && Proxy.this.hedging == null) {
                return attempt(null); // the plain path: one attempt, nothing to release afterwards
            }
            UpstreamCluster cluster = Proxy.this.cluster;
            cluster.activeRequests().incrementAndGet();
            Mono<Void> first = hedgeable() ? Mono.create(sink -> new Hedge(sink).start()) : attempt(null);
            return first.doFinally(signal -> {
                cluster.activeRequests().decrementAndGet();
                if (this.replay != null) {
                    this.replay.release();
                }
            });
        }

        private boolean hedgeable() {
            return Proxy.this.hedging != null && this.body == null
                    && Proxy.this.retry.mayRetrySent(this.exchange.method().name())
                    && Proxy.this.cluster.endpoints().size() > 1;
        }

        /** One attempt to one endpoint; {@code hedge} is the race it runs in, or null. */
        Mono<Void> attempt(@Nullable Hedge hedge) {
            Endpoint endpoint = Proxy.this.cluster.choose(this.exchange, this.tried);
            if (endpoint == null) {
                return Mono.error(new GatewayException(503, "Service Unavailable",
                        "no healthy node of upstream '" + Proxy.this.cluster.name() + "'"));
            }
            CircuitBreaker breaker = Proxy.this.breaker;
            if (breaker != null && !breaker.tryAcquirePermission()) {
                return Mono.error(circuitOpen(breaker));
            }
            Duration timeout = Proxy.this.responseTimeout;
            if (this.deadline != 0) {
                long remaining = this.deadline - System.nanoTime();
                if (remaining <= 0) {
                    if (breaker != null) {
                        breaker.releasePermission();
                    }
                    return Mono.error(overallTimeout());
                }
                if (remaining < timeout.toNanos()) {
                    timeout = Duration.ofNanos(remaining);
                }
            }
            this.attempts++;
            if (this.tracking) {
                this.tried.add(endpoint);
            }
            Attempt attempt = new Attempt(endpoint, breaker);
            if (hedge != null) {
                hedge.register(attempt);
            }
            Publisher<ByteBuf> requestBody = this.replay != null ? this.replay.next() : this.body;
            GatewayExchange exchange = this.exchange;
            HttpHeaders headers = exchange.requestHeaders();
            String host = exchange.preserveHost() ? headers.get(HttpHeaderNames.HOST) : null;
            String query = exchange.upstreamQuery();
            String uri = query == null ? exchange.upstreamPath() : exchange.upstreamPath() + '?' + query;
            Duration attemptTimeout = timeout;
            return Proxy.this.clients[endpoint.index()].request(exchange.method())
                    .uri(uri)
                    .send((request, outbound) -> {
                        request.headers(headers); // replaces the client's own framing headers
                        if (requestBody != null && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                                && request.version().majorVersion() < 2) {
                            // the incoming Transfer-Encoding was hop-by-hop and is gone: without framing the
                            // upstream would read an empty body. HTTP/2 frames bodies itself and forbids the
                            // header; with h2 the version is per connection (ALPN may have settled on HTTP/1.1)
                            request.header(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                        }
                        if (host != null) {
                            request.header(HttpHeaderNames.HOST, host);
                        }
                        request.responseTimeout(attemptTimeout);
                        return requestBody == null ? outbound : outbound.send(requestBody);
                    })
                    .response((upstreamResponse, content) -> onResponse(attempt, hedge, upstreamResponse, content))
                    .then()
                    .doFinally(signal -> attempt.abandon())
                    .onErrorResume(error -> onError(attempt, hedge, error));
        }

        private Mono<Void> onResponse(Attempt attempt, @Nullable Hedge hedge, HttpClientResponse upstreamResponse,
                ByteBufFlux content) {
            int status = upstreamResponse.status().code();
            attempt.finish(status >= 500, null);
            if (hedge != null && !hedge.claim(attempt)) {
                return content.then(); // lost the race: drain, the winner answers
            }
            long delay = retryDelay(status, upstreamResponse.responseHeaders());
            if (delay < 0) {
                return write(upstreamResponse, content);
            }
            if (this.replay != null && this.replay.settling()) {
                // the body's end may not be handled yet: decide once it is (bounded by the response timeout)
                return this.replay.settled().timeout(Proxy.this.responseTimeout, Mono.just(false))
                        .flatMap(replayable -> retryOrWrite(delay, upstreamResponse, content));
            }
            return retryOrWrite(delay, upstreamResponse, content);
        }

        private Mono<Void> retryOrWrite(long delay, HttpClientResponse upstreamResponse, ByteBufFlux content) {
            if (mayRetry(true)) {
                return content.then().then(Mono.error(new RetrySignal(delay)));
            }
            return write(upstreamResponse, content);
        }

        private Mono<Void> onError(Attempt attempt, @Nullable Hedge hedge, Throwable error) {
            if (error instanceof RetrySignal signal) {
                return backoffThenRetry(signal.delayNanos);
            }
            if (notTheNodesFault(error)) {
                attempt.abandon();
            }
            else {
                attempt.finish(true, error);
            }
            if (hedge != null) {
                return Mono.error(error); // the hedge decides what a failed attempt means
            }
            boolean sent = !beforeSending(error);
            boolean retryable = sent ? (error instanceof ReadTimeoutException ? Proxy.this.retry.onTimeout()
                    : (error instanceof PrematureCloseException || error instanceof java.io.IOException)
                            && Proxy.this.retry.onReset())
                    : Proxy.this.retry.onConnectFailure();
            if (retryable && mayRetry(sent)) {
                return backoffThenRetry(Proxy.this.retry.backoffNanos(this.attempts));
            }
            return Mono.error(ProxyErrors.map(error, Proxy.this.cluster.name()));
        }

        /** Delay before retrying a response with this status, or -1 to pass the response through. */
        private long retryDelay(int status, HttpHeaders headers) {
            if (!Proxy.this.retry.statuses().contains(status)) {
                return -1;
            }
            String retryAfter = (status == 429 || status == 503) ? headers.get(HttpHeaderNames.RETRY_AFTER) : null;
            if (retryAfter != null) {
                try {
                    long seconds = Long.parseLong(retryAfter.trim());
                    long nanos = TimeUnit.SECONDS.toNanos(Math.max(0, seconds));
                    return nanos <= Proxy.this.retry.maxRetryAfter().toNanos() ? nanos : -1;
                }
                catch (NumberFormatException ex) {
                    return -1; // an HTTP-date: too far to wait for in a gateway
                }
            }
            return Proxy.this.retry.backoffNanos(this.attempts);
        }

        /** Whether one more attempt is allowed; takes a retry-budget slot when it is. */
        private boolean mayRetry(boolean sent) {
            RetryPolicy policy = Proxy.this.retry;
            if (this.attempts >= policy.attempts() || this.response.hasSentHeaders()) {
                return false;
            }
            if (sent && !policy.mayRetrySent(this.exchange.method().name())) {
                return false;
            }
            if (this.replay != null && !this.replay.replayable()) {
                return false;
            }
            if (this.deadline != 0 && this.deadline - System.nanoTime() <= 0) {
                return false;
            }
            return Proxy.this.cluster.tryAcquireRetry(policy);
        }

        private Mono<Void> backoffThenRetry(long delayNanos) {
            UpstreamCluster cluster = Proxy.this.cluster;
            Mono<Void> next = Mono.defer(() -> attempt(null)).doFinally(signal -> cluster.releaseRetry());
            if (this.deadline != 0 && System.nanoTime() + delayNanos - this.deadline >= 0) {
                cluster.releaseRetry();
                return Mono.error(overallTimeout());
            }
            return delayNanos <= 0 ? next : Mono.delay(Duration.ofNanos(delayNanos)).then(next);
        }

        private GatewayException overallTimeout() {
            return new GatewayException(504, "Gateway Timeout", "upstream '" + Proxy.this.cluster.name()
                    + "' did not answer within the overall timeout (" + this.attempts + " attempt(s))");
        }

        private Mono<Void> write(HttpClientResponse upstreamResponse, ByteBufFlux content) {
            GatewayExchange exchange = this.exchange;
            HttpServerResponse response = this.response;
            HttpHeaders headers = response.responseHeaders();
            // headers a filter set before the upstream answered win over the upstream's
            HttpHeaders preset = headers.isEmpty() ? null : headers.copy();
            headers.set(upstreamResponse.responseHeaders());
            HopByHopHeaders.strip(headers);
            if (upstreamResponse.version().majorVersion() >= 2) {
                // Netty's HTTP/2-to-HTTP/1 conversion adds x-http2-stream-id and friends: not the upstream's
                for (HttpConversionUtil.ExtensionHeaderNames name : HttpConversionUtil.ExtensionHeaderNames.values()) {
                    headers.remove(name.text());
                }
            }
            if (preset != null) {
                for (String name : preset.names()) {
                    headers.set(name, preset.getAll(name));
                }
            }
            exchange.responseStatus(upstreamResponse.status().code());
            applyResponseFilters(exchange, Proxy.this.responseFilters);
            response.status(HttpResponseStatus.valueOf(exchange.responseStatus()));
            return response.send(content.retain()).then();
        }

        /**
         * A race of two attempts: the second starts after the hedging delay (or at once when the first fails). The
         * first to get response headers claims the exchange, and the other attempt is cancelled at that moment (its
         * connection closed). The race fails only when both attempts failed.
         */
        private final class Hedge {

            private final MonoSink<Void> sink;
            private final Disposable[] attempts = new Disposable[2];
            private final Attempt[] owners = new Attempt[2];
            private int launched;
            private int failures;
            private @Nullable Attempt winner;
            private @Nullable Disposable timer;

            Hedge(MonoSink<Void> sink) {
                this.sink = sink;
            }

            void start() {
                this.sink.onCancel(this::cancelAll);
                launch();
                this.timer = Mono.delay(Proxy.this.hedging.delay()).subscribe(tick -> launch());
            }

            /** Starts the next attempt unless both started or one already won. */
            private void launch() {
                int slot;
                synchronized (this) {
                    if (this.winner != null || this.launched == 2) {
                        return;
                    }
                    slot = this.launched++;
                }
                Disposable subscription = attempt(this).subscribe(null, this::failed, () -> completed(slot));
                synchronized (this) {
                    this.attempts[slot] = subscription;
                }
            }

            /** Called by {@code attempt} with each attempt it starts, in order. */
            synchronized void register(Attempt attempt) {
                this.owners[this.owners[0] == null ? 0 : 1] = attempt;
            }

            /** The first attempt to get response headers takes the exchange; the other is cancelled now. */
            boolean claim(Attempt attempt) {
                Disposable loser;
                synchronized (this) {
                    if (this.winner != null) {
                        return false;
                    }
                    this.winner = attempt;
                    loser = this.owners[0] == attempt ? this.attempts[1] : this.attempts[0];
                }
                if (this.timer != null) {
                    this.timer.dispose();
                }
                if (loser != null) {
                    loser.dispose(); // a cancelled attempt signals nothing more
                }
                return true;
            }

            private void failed(Throwable error) {
                boolean retryNow;
                synchronized (this) {
                    this.failures++;
                    retryNow = this.winner == null && this.launched < 2;
                    if (!retryNow && this.winner == null && this.failures < this.launched) {
                        return; // the other attempt is still running
                    }
                }
                if (retryNow) {
                    if (this.timer != null) {
                        this.timer.dispose();
                    }
                    launch(); // the first failed before the delay: hedge at once
                    return;
                }
                this.sink.error(ProxyErrors.map(error, Proxy.this.cluster.name()));
            }

            private void completed(int slot) {
                synchronized (this) {
                    if (this.winner == null || this.owners[slot] != this.winner) {
                        return; // a loser that drained its response: the winner answers
                    }
                }
                this.sink.success();
            }

            private void cancelAll() {
                if (this.timer != null) {
                    this.timer.dispose();
                }
                for (Disposable attempt : this.attempts) {
                    if (attempt != null) {
                        attempt.dispose();
                    }
                }
            }
        }
    }

    /** One attempt's bookkeeping: endpoint load and latency, passive health, circuit breaker, exactly once. */
    private final class Attempt {

        private final Endpoint endpoint;
        private final @Nullable CircuitBreaker breaker;
        private final long startNanos;
        private boolean finished;

        Attempt(Endpoint endpoint, @Nullable CircuitBreaker breaker) {
            this.endpoint = endpoint;
            this.breaker = breaker;
            this.startNanos = System.nanoTime();
            endpoint.requestStarted();
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
            Proxy.this.cluster.record(this.endpoint, failure);
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

        /** The attempt ended without an outcome (cancelled): free what it held, record nothing. */
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
    }

    /** A 5xx response, as the circuit breaker records it. */
    static final class UpstreamFailure extends RuntimeException {

        UpstreamFailure(Endpoint endpoint) {
            super("5xx from " + endpoint.node().uri(), null, false, false);
        }
    }

    /** Internal: a retry decided on a response, after its body was drained. */
    private static final class RetrySignal extends RuntimeException {

        final long delayNanos;

        RetrySignal(long delayNanos) {
            super(null, null, false, false);
            this.delayNanos = delayNanos;
        }
    }
}
