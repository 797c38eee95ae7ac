package dev.portico.gateway.proxy;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.observation.GatewayObservations;
import dev.portico.gateway.response.ResponseWriter;
import dev.portico.gateway.upstream.Hedging;
import dev.portico.gateway.upstream.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;

/**
 * One proxied request: its attempts, each to an endpoint the balancer picks (avoiding endpoints already tried), the
 * retry decisions between them and the body they share. The decision to retry on a status is taken on the response
 * headers, before anything reaches the client; the retried response's body is drained so its connection can be
 * reused. The plain path (no retries, no hedging) is one attempt and nothing else.
 */
final class ProxyCall {

    private final Proxy proxy;
    private final UpstreamCluster cluster;
    private final RetryPolicy retry;
    private final GatewayExchange exchange;
    private final @Nullable Publisher<ByteBuf> body;
    private final @Nullable ReplayableBody replay;
    private final long deadline;
    private final List<Endpoint> tried;
    private final boolean tracking;
    private int attempts;

    ProxyCall(Proxy proxy, GatewayExchange exchange, @Nullable Publisher<ByteBuf> body) {
        this.proxy = proxy;
        this.cluster = proxy.cluster();
        this.retry = proxy.retry();
        this.exchange = exchange;
        boolean retries = this.retry.enabled();
        this.replay = retries && body != null ? new ReplayableBody(body, this.retry.maxReplayBytes()) : null;
        this.body = body;
        this.deadline = proxy.overallNanos() == 0 ? 0 : System.nanoTime() + proxy.overallNanos();
        this.tracking = retries || proxy.hedging() != null;
        this.tried = this.tracking ? new ArrayList<>(2) : List.of();
    }

    Mono<Void> run() {
        Hedging hedging = this.proxy.hedging();
        if (!this.retry.enabled() && hedging == null) {
            return attempt(null); // the plain path: one attempt, nothing to release afterwards
        }
        UpstreamCluster cluster = this.cluster;
        cluster.activeRequests().incrementAndGet();
        Mono<Void> first = hedging != null && hedgeable() ? Hedge.race(this, hedging.delay()) : attempt(null);
        return first.doFinally(signal -> {
            cluster.activeRequests().decrementAndGet();
            if (this.replay != null) {
                this.replay.release();
            }
        });
    }

    private boolean hedgeable() {
        return this.body == null && this.retry.mayRetrySent(this.exchange.method().name())
                && this.cluster.endpoints().size() > 1;
    }

    /** One attempt to one endpoint; {@code hedge} is the race it runs in, or null. */
    Mono<Void> attempt(@Nullable Hedge hedge) {
        Endpoint endpoint = this.cluster.choose(this.exchange, this.tried);
        if (endpoint == null) {
            return Mono.error(new GatewayException(503, "Service Unavailable",
                    "no healthy node of upstream '" + this.cluster.name() + "'"));
        }
        CircuitBreaker breaker = this.proxy.circuitBreaker();
        if (breaker != null && !breaker.tryAcquirePermission()) {
            return Mono.error(circuitOpen(breaker));
        }
        Duration timeout = this.proxy.responseTimeout();
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
        GatewayObservations observations = this.proxy.observations();
        Attempt attempt = new Attempt(this.cluster, endpoint, breaker, !observations.enabled() ? null
                : observations.startAttempt(this.exchange, this.cluster.name(), endpoint.node().uri().toString(),
                        this.attempts));
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
        return this.proxy.client(endpoint).request(exchange.method())
                .uri(uri)
                .send((request, outbound) -> {
                    request.headers(headers); // replaces the client's own framing headers
                    if (requestBody != null && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                            && request.version().majorVersion() < 2) {
                        // the incoming Transfer-Encoding was hop-by-hop and is gone: without framing the upstream
                        // would read an empty body. HTTP/2 frames bodies itself and forbids the header; with h2 the
                        // version is per connection (ALPN may have settled on HTTP/1.1)
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
                // one operator for the attempt's end, whatever it observes: the plain path pays for nothing more
                .doFinally(signal -> attempt.ended(signal == SignalType.CANCEL))
                .onErrorResume(error -> onError(attempt, hedge, error));
    }

    private Mono<Void> onResponse(Attempt attempt, @Nullable Hedge hedge, HttpClientResponse upstreamResponse,
            ByteBufFlux content) {
        int status = upstreamResponse.status().code();
        attempt.answered(status);
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
            return this.replay.settled().timeout(this.proxy.responseTimeout(), Mono.just(false))
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

    private Mono<Void> write(HttpClientResponse upstreamResponse, ByteBufFlux content) {
        return this.proxy.writer().upstream(this.exchange, upstreamResponse.status().code(),
                upstreamResponse.responseHeaders(), upstreamResponse.version().majorVersion() >= 2, content.retain());
    }

    private Mono<Void> onError(Attempt attempt, @Nullable Hedge hedge, Throwable error) {
        if (error instanceof RetrySignal signal) {
            return backoffThenRetry(signal.delayNanos);
        }
        attempt.failed(error);
        if (ReactorNettyErrors.poolExhausted(error)) {
            attempt.abandon(); // the gateway's own pool ran out: says nothing about the node
        }
        else {
            attempt.finish(true, error);
        }
        if (hedge != null) {
            return Mono.error(error); // the hedge decides what a failed attempt means
        }
        boolean sent = !beforeSending(error);
        boolean retryable = sent ? (error instanceof ReadTimeoutException ? this.retry.onTimeout()
                : (error instanceof PrematureCloseException || error instanceof java.io.IOException)
                        && this.retry.onReset())
                : this.retry.onConnectFailure();
        if (retryable && mayRetry(sent)) {
            return backoffThenRetry(this.retry.backoffNanos(this.attempts));
        }
        return Mono.error(mapError(error));
    }

    /** The status the client should see for an error talking to the upstream. */
    Throwable mapError(Throwable error) {
        return ProxyErrors.map(error, this.cluster.name());
    }

    /** Delay before retrying a response with this status, or -1 to pass the response through. */
    private long retryDelay(int status, HttpHeaders headers) {
        if (!this.retry.statuses().contains(status)) {
            return -1;
        }
        String retryAfter = (status == 429 || status == 503) ? headers.get(HttpHeaderNames.RETRY_AFTER) : null;
        if (retryAfter != null) {
            try {
                long seconds = Long.parseLong(retryAfter.trim());
                long nanos = TimeUnit.SECONDS.toNanos(Math.max(0, seconds));
                return nanos <= this.retry.maxRetryAfter().toNanos() ? nanos : -1;
            }
            catch (NumberFormatException ex) {
                return -1; // an HTTP-date: too far to wait for in a gateway
            }
        }
        return this.retry.backoffNanos(this.attempts);
    }

    /** Whether one more attempt is allowed; takes a retry-budget slot when it is. */
    private boolean mayRetry(boolean sent) {
        RetryPolicy policy = this.retry;
        if (this.attempts >= policy.attempts() || ResponseWriter.committed(this.exchange)) {
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
        return this.cluster.tryAcquireRetry(policy);
    }

    private Mono<Void> backoffThenRetry(long delayNanos) {
        UpstreamCluster cluster = this.cluster;
        Mono<Void> next = Mono.defer(() -> attempt(null)).doFinally(signal -> cluster.releaseRetry());
        if (this.deadline != 0 && System.nanoTime() + delayNanos - this.deadline >= 0) {
            cluster.releaseRetry();
            return Mono.error(overallTimeout());
        }
        return delayNanos <= 0 ? next : Mono.delay(Duration.ofNanos(delayNanos)).then(next);
    }

    private GatewayException overallTimeout() {
        return new GatewayException(504, "Gateway Timeout", "upstream '" + this.cluster.name()
                + "' did not answer within the overall timeout (" + this.attempts + " attempt(s))");
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
                || error instanceof UnknownHostException;
    }

    /** A retry decided on a response, after its body was drained. */
    private static final class RetrySignal extends RuntimeException {

        final long delayNanos;

        RetrySignal(long delayNanos) {
            super(null, null, false, false);
            this.delayNanos = delayNanos;
        }
    }
}
