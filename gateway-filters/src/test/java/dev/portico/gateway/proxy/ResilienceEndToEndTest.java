package dev.portico.gateway.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.gateway.route.Route;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.Problems;
import dev.portico.gateway.testing.RawHttp;
import dev.portico.gateway.testing.RecordingUpstream;
import dev.portico.gateway.upstream.Hedging;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Timeouts;
import dev.portico.gateway.upstream.Upstream;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries, the retry budget, the circuit breaker, the overall timeout and hedging, on the wire: a real gateway and
 * real upstreams that fail on demand.
 */
class ResilienceEndToEndTest {

    private final List<AutoCloseable> resources = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : this.resources) {
            resource.close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        this.resources.add(resource);
        return resource;
    }

    /** An upstream that reads the body and answers {@code status}, counting requests. */
    private DisposableServer failing(int status, AtomicInteger count, String retryAfter) {
        DisposableServer server = RecordingUpstream.start((req, res) -> req.receive().then(Mono.defer(() -> {
            count.incrementAndGet();
            if (retryAfter != null) {
                res.header("Retry-After", retryAfter);
            }
            return res.status(status).sendString(Mono.just("failed with " + status)).then();
        })));
        this.resources.add(server::disposeNow);
        return server;
    }

    private GatewayServer gateway(Upstream upstream, Route.Builder route) {
        return keep(GatewayServer.start(Gateway.builder().upstream(upstream)
                .route(route.match(m -> m.path("/**")).upstream(upstream.name()).build()).build()));
    }

    private static Upstream.Builder upstream(String... uris) {
        Upstream.Builder b = Upstream.builder("svc");
        for (String uri : uris) {
            b.node(uri);
        }
        return b;
    }

    private static String uri(DisposableServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private static RawHttp.Response post(GatewayServer gw, byte[] body) {
        return RawHttp.send(gw.port(), "POST /orders HTTP/1.1\r\nHost: gw\r\nContent-Length: " + body.length, body);
    }

    private static RawHttp.Response get(GatewayServer gw) {
        return RawHttp.send(gw.port(), "GET /items HTTP/1.1\r\nHost: gw");
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void retriedPostArrivesAtTheOtherNodeWithTheIdenticalBody() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        DisposableServer bad = failing(503, failures, null);
        RecordingUpstream good = keep(RecordingUpstream.start("good"));
        RetryPolicy retry = RetryPolicy.builder().attempts(2).nonIdempotent(true).backoff(Duration.ZERO, Duration.ZERO)
                .build();
        GatewayServer gw = gateway(upstream(uri(bad), good.uri()).retry(retry).build(), Route.builder("orders"));
        for (int i = 0; i < 4; i++) { // round-robin: some requests try the failing node first
            byte[] body = random(10_000);
            RawHttp.Response resp = post(gw, body);
            assertThat(resp.status()).isEqualTo(200);
            assertThat(resp.header("X-Upstream")).isEqualTo("good");
            RecordingUpstream.Received received = good.take();
            assertThat(received.bodySha256()).isEqualTo(sha256(body));
            assertThat(received.bodyLength()).isEqualTo(10_000);
        }
        assertThat(failures.get()).isBetween(1, 4);
    }

    @Test
    void postIsNotRetriedAfterItWasSentUnlessTheRouteOptsIn() {
        AtomicInteger count = new AtomicInteger();
        DisposableServer bad = failing(503, count, null);
        GatewayServer gw = gateway(upstream(uri(bad)).retry(RetryPolicy.builder().attempts(3).build()).build(),
                Route.builder("orders"));
        RawHttp.Response resp = post(gw, random(100));
        assertThat(resp.status()).isEqualTo(503);
        assertThat(resp.body()).isEqualTo("failed with 503"); // the upstream's own response, untouched
        assertThat(count.get()).isEqualTo(1);
    }

    @Test
    void idempotentRequestIsRetriedOnAChosenStatusUpToTheAttemptLimit() {
        AtomicInteger count = new AtomicInteger();
        DisposableServer bad = failing(502, count, null);
        GatewayServer gw = gateway(upstream(uri(bad)).retry(RetryPolicy.builder().attempts(3)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()).build(), Route.builder("items"));
        RawHttp.Response resp = get(gw);
        assertThat(resp.status()).isEqualTo(502);
        assertThat(count.get()).isEqualTo(3);
    }

    @Test
    void connectFailureIsRetriedOnAnotherNodeEvenForPost() throws Exception {
        RecordingUpstream good = keep(RecordingUpstream.start("good"));
        RetryPolicy retry = RetryPolicy.builder().attempts(2).backoff(Duration.ZERO, Duration.ZERO).build();
        GatewayServer gw = gateway(upstream("http://127.0.0.1:" + closedPort(), good.uri()).retry(retry).build(),
                Route.builder("orders"));
        for (int i = 0; i < 4; i++) {
            byte[] body = random(2_000);
            RawHttp.Response resp = post(gw, body);
            assertThat(resp.status()).isEqualTo(200);
            assertThat(good.take().bodySha256()).isEqualTo(sha256(body));
        }
    }

    @Test
    void bodyLargerThanTheReplayBufferIsNotRetried() {
        AtomicInteger count = new AtomicInteger();
        DisposableServer bad = failing(503, count, null);
        RetryPolicy retry = RetryPolicy.builder().attempts(2).nonIdempotent(true).maxReplayBytes(1024)
                .backoff(Duration.ZERO, Duration.ZERO).build();
        GatewayServer gw = gateway(upstream(uri(bad)).retry(retry).build(), Route.builder("orders"));
        assertThat(post(gw, random(512)).status()).isEqualTo(503);
        assertThat(count.get()).isEqualTo(2); // small body: replayed
        assertThat(post(gw, random(10_000)).status()).isEqualTo(503);
        assertThat(count.get()).isEqualTo(3); // large body: one attempt only
    }

    @Test
    void retryAfterIsHonouredWhenShortAndPassedThroughWhenLong() {
        AtomicInteger shortCount = new AtomicInteger();
        DisposableServer shortWait = failing(503, shortCount, "0");
        RetryPolicy retry = RetryPolicy.builder().attempts(2).maxRetryAfter(Duration.ofSeconds(1)).build();
        GatewayServer gw = gateway(upstream(uri(shortWait)).retry(retry).build(), Route.builder("items"));
        assertThat(get(gw).status()).isEqualTo(503);
        assertThat(shortCount.get()).isEqualTo(2);

        AtomicInteger longCount = new AtomicInteger();
        DisposableServer longWait = failing(503, longCount, "120");
        GatewayServer gw2 = gateway(upstream(uri(longWait)).retry(retry).build(), Route.builder("items"));
        RawHttp.Response resp = get(gw2);
        assertThat(resp.status()).isEqualTo(503);
        assertThat(resp.header("Retry-After")).isEqualTo("120");
        assertThat(longCount.get()).isEqualTo(1);
    }

    @Test
    void anExhaustedRetryBudgetStopsRetries() {
        AtomicInteger count = new AtomicInteger();
        DisposableServer bad = failing(503, count, null);
        RetryPolicy noBudget = RetryPolicy.builder().attempts(3).budget(0, 0).build();
        GatewayServer gw = gateway(upstream(uri(bad)).retry(noBudget).build(), Route.builder("items"));
        assertThat(get(gw).status()).isEqualTo(503);
        assertThat(count.get()).isEqualTo(1);
    }

    @Test
    void circuitOpensFailsFastHalfOpensAndCloses() {
        AtomicInteger status = new AtomicInteger(500);
        AtomicInteger count = new AtomicInteger();
        DisposableServer server = RecordingUpstream.start((req, res) -> {
            count.incrementAndGet();
            return res.status(status.get()).sendString(Mono.just("s")).then();
        });
        this.resources.add(server::disposeNow);
        CircuitBreaker breaker = CircuitBreaker.of("svc", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMillis(300)).permittedNumberOfCallsInHalfOpenState(1)
                .build());
        GatewayServer gw = gateway(upstream(uri(server)).circuitBreaker(breaker).build(), Route.builder("items"));
        for (int i = 0; i < 4; i++) {
            assertThat(get(gw).status()).isEqualTo(500); // upstream errors pass through while closed
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        RawHttp.Response open = get(gw);
        assertThat(open.status()).isEqualTo(503);
        assertThat(open.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(open.header("Retry-After")).isEqualTo("1");
        assertThat(Problems.parse(open.body()).get("detail")).asString().contains("circuit breaker 'svc'");
        assertThat(count.get()).isEqualTo(4); // failed fast: the upstream saw nothing

        status.set(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> get(gw).status() == 200); // half-open probe succeeds
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void overallTimeoutBoundsAllAttempts() {
        AtomicInteger count = new AtomicInteger();
        DisposableServer silent = RecordingUpstream.start((req, res) -> {
            count.incrementAndGet();
            return Mono.never();
        });
        this.resources.add(silent::disposeNow);
        RetryPolicy retry = RetryPolicy.builder().attempts(5).backoff(Duration.ZERO, Duration.ZERO).build();
        GatewayServer gw = gateway(upstream(uri(silent)).retry(retry)
                .timeouts(Timeouts.of(null, Duration.ofMillis(200), Duration.ofMillis(500))).build(),
                Route.builder("items"));
        RawHttp.Response resp = get(gw);
        assertThat(resp.status()).isEqualTo(504);
        assertThat(count.get()).isBetween(2, 4); // 500 ms overall / 200 ms per attempt, never all 5
    }

    @Test
    void hedgingReturnsTheFasterNodesAnswerAndCancelsTheSlowOne() {
        AtomicInteger slowClosed = new AtomicInteger();
        DisposableServer slow = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .doOnConnection(connection -> connection.onDispose(slowClosed::incrementAndGet))
                .handle((req, res) -> Mono.delay(Duration.ofSeconds(10)).then(res.sendString(Mono.just("slow")).then()))
                .bindNow();
        this.resources.add(slow::disposeNow);
        DisposableServer fast = RecordingUpstream.start((req, res) -> res.sendString(Mono.just("fast")).then());
        this.resources.add(fast::disposeNow);
        GatewayServer gw = gateway(upstream(uri(slow), uri(fast)).hedging(new Hedging(Duration.ofMillis(50))).build(),
                Route.builder("items"));
        for (int i = 0; i < 4; i++) { // both orders: slow first (hedged) and fast first
            RawHttp.Response resp = get(gw);
            assertThat(resp.status()).isEqualTo(200);
            assertThat(resp.body()).isEqualTo("fast");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> slowClosed.get() >= 1); // the loser's connection is closed
    }

    @Test
    void statusesToRetryAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RetryPolicy.builder().statuses(Set.of(200)).build())
                .hasMessage("statuses: 200 (expected: 400-599)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RetryPolicy.builder().attempts(0).build())
                .hasMessage("attempts: 0 (expected: 1-10, including the first)");
    }

    static Map<String, Object> problem(RawHttp.Response resp) {
        return Problems.parse(resp.body());
    }
}
