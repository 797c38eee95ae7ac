package dev.portico.gateway.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.Problems;
import dev.portico.gateway.testing.RawHttp;
import dev.portico.gateway.upstream.Timeouts;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a client sees when the upstream or the request goes wrong. */
class ProxyErrorsEndToEndTest {

    /** Requests whose head reached the upstream, and upstream connections closed. */
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger connectionsClosed = new AtomicInteger();
    DisposableServer upstream;

    @AfterEach
    void stop() {
        if (this.upstream != null) {
            this.upstream.disposeNow();
        }
    }

    DisposableServer upstream(java.util.function.BiFunction<HttpServerRequest, HttpServerResponse, org.reactivestreams.Publisher<Void>> handler) {
        this.upstream = HttpServer.create().host("127.0.0.1").port(0)
                .doOnConnection(c -> c.onDispose(this.connectionsClosed::incrementAndGet))
                .handle((req, res) -> {
                    this.requests.incrementAndGet();
                    return handler.apply(req, res);
                })
                .bindNow();
        return this.upstream;
    }

    /** Reads the body, answers 200 with its length. */
    DisposableServer countingUpstream() {
        return upstream((req, res) -> req.receive().aggregate().asString().defaultIfEmpty("")
                .flatMap(body -> res.sendString(Mono.just("got " + body.length())).then()));
    }

    static GatewayServer gateway(Route.Builder route, int port) {
        return GatewayServer.start(Gateway.builder().route(route.uri("http://127.0.0.1:" + port).build()).build());
    }

    static Route.Builder route(String id) {
        return Route.builder(id).match(m -> m.path("/**"));
    }

    static void assertProblem(RawHttp.Response resp, int status, String title, String route) {
        assertThat(resp.status()).isEqualTo(status);
        assertThat(resp.header("Content-Type")).isEqualTo("application/problem+json");
        Map<String, Object> problem = Problems.parse(resp.body());
        assertThat(problem).containsEntry("status", status).containsEntry("title", title).containsEntry("route", route);
    }

    static RawHttp.Response get(GatewayServer gw, String path) {
        return RawHttp.send(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: gw");
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void refusedConnectionIsA502Problem() throws IOException {
        try (GatewayServer gw = gateway(route("down"), closedPort())) {
            RawHttp.Response resp = get(gw, "/x");
            assertProblem(resp, 502, "Bad Gateway", "down");
            assertThat(Problems.parse(resp.body()).get("detail")).asString().contains("could not connect");
        }
    }

    @Test
    void upstreamNotAnsweringWithinTheResponseTimeoutIsA504Problem() {
        DisposableServer silent = upstream((req, res) -> Mono.never());
        Route.Builder route = route("slow").timeouts(Timeouts.of(null, Duration.ofMillis(300)));
        try (GatewayServer gw = gateway(route, silent.port())) {
            long start = System.nanoTime();
            RawHttp.Response resp = get(gw, "/x");
            assertProblem(resp, 504, "Gateway Timeout", "slow");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // the timed-out upstream connection is not kept for reuse
            await().atMost(Duration.ofSeconds(5)).until(() -> this.connectionsClosed.get() == 1);
        }
    }

    @Test
    void upstreamClosingMidRequestBeforeRespondingIsA502Problem() {
        DisposableServer rude = upstream((req, res) -> req.receive().take(1)
                .then(Mono.fromRunnable(() -> req.withConnection(c -> c.channel().close())))
                .then(Mono.never()));
        try (GatewayServer gw = gateway(route("rude"), rude.port())) {
            byte[] body = new byte[64 * 1024];
            RawHttp.Response resp = RawHttp.send(gw.port(),
                    "POST /x HTTP/1.1\r\nHost: gw\r\nContent-Length: " + body.length, body);
            assertProblem(resp, 502, "Bad Gateway", "rude");
        }
    }

    @Test
    void upstreamClosingRightAfterTheRequestHeadIsA502Problem() {
        DisposableServer rude = upstream((req, res) -> {
            req.withConnection(c -> c.channel().close());
            return Mono.never();
        });
        try (GatewayServer gw = gateway(route("rude"), rude.port())) {
            assertProblem(get(gw, "/x"), 502, "Bad Gateway", "rude");
        }
    }

    static final InlineFilter LIMIT_1K = ex -> ex.maxRequestBodyBytes(1024);

    @Test
    void declaredContentLengthOverTheLimitIsA413BeforeAnythingIsSent() {
        DisposableServer up = countingUpstream();
        try (GatewayServer gw = gateway(route("limited").filter(LIMIT_1K), up.port())) {
            RawHttp.Response resp = RawHttp.send(gw.port(),
                    "POST /x HTTP/1.1\r\nHost: gw\r\nContent-Length: 2000", new byte[2000]);
            assertProblem(resp, 413, "Content Too Large", "limited");
            assertThat(this.requests).hasValue(0);
        }
    }

    @Test
    void chunkedBodyCrossingTheLimitIsA413() {
        DisposableServer up = countingUpstream();
        try (GatewayServer gw = gateway(route("limited").filter(LIMIT_1K), up.port())) {
            StringBuilder chunks = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                chunks.append("200\r\n").append("x".repeat(512)).append("\r\n");
            }
            chunks.append("0\r\n\r\n");
            RawHttp.Response resp = RawHttp.send(gw.port(),
                    "POST /x HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked",
                    chunks.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertProblem(resp, 413, "Content Too Large", "limited");
        }
    }

    @Test
    void chunkedBodyFromAStreamingClientCrossingTheLimitIsA413() {
        DisposableServer up = countingUpstream();
        try (GatewayServer gw = gateway(route("limited").filter(LIMIT_1K), up.port())) {
            int status = gw.client().post().uri("/x")
                    .send(Flux.range(0, 8).map(i -> Unpooled.wrappedBuffer(new byte[512])))
                    .response().map(r -> r.status().code()).block(Duration.ofSeconds(10));
            assertThat(status).isEqualTo(413);
        }
    }

    @Test
    void bodiesWithinTheLimitPass() {
        DisposableServer up = countingUpstream();
        try (GatewayServer gw = gateway(route("limited").filter(LIMIT_1K), up.port())) {
            RawHttp.Response exact = RawHttp.send(gw.port(),
                    "POST /x HTTP/1.1\r\nHost: gw\r\nContent-Length: 1024", new byte[1024]);
            assertThat(exact.status()).isEqualTo(200);
            assertThat(exact.body()).isEqualTo("got 1024");
            RawHttp.Response chunked = RawHttp.send(gw.port(),
                    "POST /x HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked",
                    ("400\r\n" + "y".repeat(1024) + "\r\n0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(chunked.status()).isEqualTo(200);
            assertThat(chunked.body()).isEqualTo("got 1024");
        }
    }

    @Test
    void clientAbortingMidResponseClosesTheUpstreamConnection() {
        DisposableServer endless = upstream((req, res) -> res.sendString(
                Flux.interval(Duration.ofMillis(20)).map(i -> "chunk " + i + "\n")).then());
        try (GatewayServer gw = gateway(route("stream"), endless.port())) {
            String first = gw.client().get().uri("/stream").responseContent().asString().take(3)
                    .collectList().map(String::valueOf).block(Duration.ofSeconds(10));
            assertThat(first).contains("chunk 0");
            assertThat(this.requests).hasValue(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> this.connectionsClosed.get() == 1);
        }
    }
}
