package dev.portico.gateway.proxy;

import java.time.Duration;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.observation.GatewayObservations;
import dev.portico.gateway.response.ResponseWriter;
import dev.portico.gateway.upstream.Hedging;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Timeouts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The end of every route's chain: sends the exchange's outgoing request to a node of the upstream and streams the
 * response back through the route's {@link ResponseWriter}. Built when the route compiles, with the clients,
 * timeouts, retry policy, hedging and circuit breaker it will use.
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
 * <p>The parts, one job each: a {@link ProxyCall} is one request (its attempts, retry decisions, the body they
 * share); an {@link Attempt} sends to one endpoint and records the outcome; a {@link Hedge} races two attempts.
 */
public final class Proxy implements GatewayFilterChain {

    private final UpstreamCluster cluster;
    private final HttpClient[] clients;
    private final Duration responseTimeout;
    private final long overallNanos;
    private final RetryPolicy retry;
    private final @Nullable Hedging hedging;
    private final @Nullable CircuitBreaker breaker;
    private final ResponseWriter writer;
    private final GatewayObservations observations;

    /**
     * @param clients the client of each endpoint of the cluster, by {@link Endpoint#index()}
     */
    public Proxy(UpstreamCluster cluster, HttpClient[] clients, Timeouts timeouts, RetryPolicy retry,
            @Nullable Hedging hedging, @Nullable CircuitBreaker breaker, ResponseWriter writer) {
        this(cluster, clients, timeouts, retry, hedging, breaker, writer, GatewayObservations.disabled());
    }

    /**
     * @param clients the client of each endpoint of the cluster, by {@link Endpoint#index()}
     * @param observations where each attempt is observed (a child of the request's observation)
     */
    public Proxy(UpstreamCluster cluster, HttpClient[] clients, Timeouts timeouts, RetryPolicy retry,
            @Nullable Hedging hedging, @Nullable CircuitBreaker breaker, ResponseWriter writer,
            GatewayObservations observations) {
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
        this.writer = writer;
        this.observations = observations;
    }

    /** A proxy with no retries, hedging or breaker: the plain forwarding path. */
    public Proxy(UpstreamCluster cluster, Duration responseTimeout, ResponseWriter writer) {
        this(cluster, cluster.endpointClients(), Timeouts.of(null, responseTimeout), RetryPolicy.none(), null, null,
                writer);
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

    public @Nullable Hedging hedging() {
        return this.hedging;
    }

    public @Nullable CircuitBreaker circuitBreaker() {
        return this.breaker;
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange) {
        Publisher<ByteBuf> body = null;
        if (exchange.hasRequestBody()) {
            long max = exchange.maxRequestBodyBytes();
            if (max >= 0 && BodyLimit.declaredLength(exchange.requestHeaders()) > max) {
                return Mono.error(GatewayException.contentTooLarge(max)); // refused before a byte is read or sent
            }
            body = max < 0 ? exchange.requestBody() : BodyLimit.limit(exchange.requestBody(), max);
        }
        return new ProxyCall(this, exchange, body).run();
    }

    HttpClient client(Endpoint endpoint) {
        return this.clients[endpoint.index()];
    }

    UpstreamCluster cluster() {
        return this.cluster;
    }

    long overallNanos() {
        return this.overallNanos;
    }

    ResponseWriter writer() {
        return this.writer;
    }

    GatewayObservations observations() {
        return this.observations;
    }
}
