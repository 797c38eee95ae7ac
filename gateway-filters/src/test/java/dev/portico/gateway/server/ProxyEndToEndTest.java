package dev.portico.gateway.server;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.route.CidrRange;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.Problems;
import dev.portico.gateway.testing.RawHttp;
import dev.portico.gateway.testing.RecordingUpstream.Received;
import dev.portico.gateway.testing.RecordingUpstream;
import dev.portico.gateway.upstream.Upstream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;

/** A real gateway on port 0 in front of real upstreams on port 0. */
class ProxyEndToEndTest {

    static RecordingUpstream a;
    static RecordingUpstream b;

    @BeforeAll
    static void startUpstreams() {
        a = RecordingUpstream.start("a");
        b = RecordingUpstream.start("b");
    }

    @AfterAll
    static void stopUpstreams() {
        a.close();
        b.close();
    }

    record Resp(int status, HttpHeaders headers, String body) {
    }

    static Resp get(GatewayServer server, String uri) {
        return server.client().get().uri(uri)
                .responseSingle((r, body) -> body.asString().defaultIfEmpty("")
                        .map(s -> new Resp(r.status().code(), r.responseHeaders(), s)))
                .block(Duration.ofSeconds(10));
    }

    static Route.Builder route(String id, String path, RecordingUpstream upstream) {
        return Route.builder(id).match(m -> m.path(path)).uri(upstream.uri());
    }

    static GatewayServer serve(Route... routes) {
        return GatewayServer.start(Gateway.builder().routes(List.of(routes)).build());
    }

    static void assertProblem(Resp resp, int status, String title, String route) {
        assertThat(resp.status()).isEqualTo(status);
        assertThat(resp.headers().get("Content-Type")).isEqualTo("application/problem+json");
        Map<String, Object> problem = Problems.parse(resp.body());
        assertThat(problem).containsEntry("status", status).containsEntry("title", title);
        if (route == null) {
            assertThat(problem).doesNotContainKey("route");
        }
        else {
            assertThat(problem).containsEntry("route", route);
        }
    }

    @Test
    void routesToTwoUpstreamsByPath() {
        try (GatewayServer gw = serve(route("to-a", "/a/**", a).build(), route("to-b", "/b/**", b).build())) {
            assertThat(get(gw, "/a/x").body()).isEqualTo("a");
            assertThat(get(gw, "/b/y?q=1").body()).isEqualTo("b");
            assertThat(a.take().uri()).isEqualTo("/a/x");
            assertThat(b.take().uri()).isEqualTo("/b/y?q=1");
        }
    }

    @Test
    void precedenceHoldsOnTheWire() {
        try (GatewayServer gw = serve(route("catch-all", "/api/**", a).build(),
                route("user", "/api/users/{id}", b).build(),
                route("first", "/**", b).order(-1).match(m -> m.path("/**").methods("DELETE")).build())) {
            assertThat(get(gw, "/api/users/1").body()).isEqualTo("b");
            assertThat(get(gw, "/api/users/1/orders").body()).isEqualTo("a");
            assertThat(get(gw, "/api/users").body()).isEqualTo("a");
            String deleted = gw.client().delete().uri("/api/users/1").responseContent().aggregate().asString()
                    .block(Duration.ofSeconds(10));
            assertThat(deleted).isEqualTo("b");
        }
        drain();
    }

    @Test
    void encodedPathsAndQueriesReachTheUpstreamByteExact() {
        try (GatewayServer gw = serve(route("all", "/**", a).build())) {
            for (String target : List.of("/a%2Fb?x=%20y&z", "/api/%75sers/caf%C3%A9?q=a+b&r=%2B&&s==",
                    "/p;matrix=1/x%3By?", "/x?a=%zz")) {
                RawHttp.Response resp = RawHttp.send(gw.port(), "GET " + target + " HTTP/1.1\r\nHost: gw");
                assertThat(resp.status()).as(target).isEqualTo(200);
                assertThat(a.take().uri()).isEqualTo(target);
            }
        }
    }

    @Test
    void routingMatchesTheDecodedPathButForwardsTheRawOne() {
        try (GatewayServer gw = serve(route("users", "/api/users/**", a).build(), route("other", "/**", b).build())) {
            assertThat(RawHttp.send(gw.port(), "GET /api/%75sers/1 HTTP/1.1\r\nHost: gw").header("X-Upstream"))
                    .isEqualTo("a");
            assertThat(a.take().uri()).isEqualTo("/api/%75sers/1");
            // an encoded slash does not make a new segment
            assertThat(RawHttp.send(gw.port(), "GET /api%2Fusers/1 HTTP/1.1\r\nHost: gw").header("X-Upstream"))
                    .isEqualTo("b");
            assertThat(b.take().uri()).isEqualTo("/api%2Fusers/1");
        }
    }

    @Test
    void dotSegmentsAreRejectedWithABadRequestProblem() {
        try (GatewayServer gw = serve(route("all", "/**", a).build())) {
            RawHttp.Response resp = RawHttp.send(gw.port(), "GET /public/%2e%2e/admin HTTP/1.1\r\nHost: gw");
            assertThat(resp.status()).isEqualTo(400);
            assertThat(resp.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(Problems.parse(resp.body())).containsEntry("status", 400).containsEntry("title", "Bad Request");
        }
        assertThat(a.pending()).isZero();
    }

    @Test
    void hopByHopHeadersStayOnTheirHopAndEndToEndHeadersPass() {
        try (GatewayServer gw = serve(route("all", "/**", a).build())) {
            RawHttp.Response resp = RawHttp.send(gw.port(), String.join("\r\n", "GET /h HTTP/1.1", "Host: gw",
                    "Connection: keep-alive, X-Hop-Secret", "X-Hop-Secret: s", "Keep-Alive: timeout=5",
                    "TE: trailers", "Proxy-Authorization: Basic eDp5", "Upgrade: h2c", "Trailer: X-Sum",
                    "Authorization: Bearer token", "X-Custom: 1", "Accept: text/plain"));
            assertThat(resp.status()).isEqualTo(200);
            // response side: the upstream's Proxy-Authenticate is hop-by-hop, X-End-To-End is not
            assertThat(resp.header("Proxy-Authenticate")).isNull();
            assertThat(resp.header("X-End-To-End")).isEqualTo("kept");
            HttpHeaders seen = a.take().headers();
            assertThat(seen.contains("X-Hop-Secret")).isFalse();
            assertThat(seen.contains("Keep-Alive")).isFalse();
            assertThat(seen.contains("TE")).isFalse();
            assertThat(seen.contains("Proxy-Authorization")).isFalse();
            assertThat(seen.contains("Upgrade")).isFalse();
            assertThat(seen.contains("Trailer")).isFalse();
            assertThat(seen.getAll("Connection")).doesNotContain("keep-alive, X-Hop-Secret");
            assertThat(seen.get("Authorization")).isEqualTo("Bearer token");
            assertThat(seen.get("X-Custom")).isEqualTo("1");
            assertThat(seen.get("Accept")).isEqualTo("text/plain");
        }
    }

    @Test
    void forwardingHeadersDescribeTheClientAndSpoofedOnesAreDropped() {
        try (GatewayServer gw = serve(route("all", "/**", a).build())) {
            RawHttp.send(gw.port(), String.join("\r\n", "GET /f HTTP/1.1", "Host: shop.example.com:8080",
                    "X-Forwarded-For: 6.6.6.6", "X-Forwarded-Proto: https", "Forwarded: for=6.6.6.6"));
            HttpHeaders seen = a.take().headers();
            assertThat(seen.get("X-Forwarded-For")).isEqualTo("127.0.0.1");
            assertThat(seen.get("X-Forwarded-Proto")).isEqualTo("http");
            assertThat(seen.get("X-Forwarded-Host")).isEqualTo("shop.example.com:8080");
            assertThat(seen.get("X-Forwarded-Port")).isEqualTo("8080");
            assertThat(seen.get("Forwarded")).isEqualTo("for=127.0.0.1;host=\"shop.example.com:8080\";proto=http");
        }
    }

    @Test
    void forwardingHeadersFromATrustedProxyAreAppendedTo() {
        try (GatewayServer gw = GatewayServer.start(Gateway.builder()
                .forwardedHeaders(ForwardedHeaders.trusting(List.of(CidrRange.parse("127.0.0.0/8"))))
                .route(route("all", "/**", a).build()).build())) {
            RawHttp.send(gw.port(), String.join("\r\n", "GET /f HTTP/1.1", "Host: shop.example.com",
                    "X-Forwarded-For: 203.0.113.9", "Forwarded: for=203.0.113.9;proto=https"));
            HttpHeaders seen = a.take().headers();
            assertThat(seen.get("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
            assertThat(seen.get("Forwarded"))
                    .isEqualTo("for=203.0.113.9;proto=https, for=127.0.0.1;host=\"shop.example.com\";proto=http");
        }
    }

    @Test
    void hostIsTheUpstreamAuthorityUnlessPreserved() {
        InlineFilter preserve = ex -> ex.preserveHost(true);
        try (GatewayServer gw = serve(route("plain", "/plain", a).build(),
                route("preserve", "/preserve", a).filter(preserve).build())) {
            RawHttp.send(gw.port(), "GET /plain HTTP/1.1\r\nHost: shop.example.com");
            assertThat(a.take().headers().getAll("Host")).containsExactly("127.0.0.1:" + a.port());
            RawHttp.send(gw.port(), "GET /preserve HTTP/1.1\r\nHost: shop.example.com");
            assertThat(a.take().headers().getAll("Host")).containsExactly("shop.example.com");
        }
    }

    @Test
    void oneMegabyteRandomPostArrivesByteIdentical() throws Exception {
        byte[] body = new byte[1024 * 1024];
        new Random(42).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        try (GatewayServer gw = serve(route("all", "/**", a).build())) {
            Resp resp = gw.client().headers(h -> h.set("Content-Type", "application/octet-stream"))
                    .post().uri("/upload").send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                    .responseSingle((r, b) -> b.asString().map(s -> new Resp(r.status().code(), r.responseHeaders(), s)))
                    .block(Duration.ofSeconds(20));
            assertThat(resp.status()).isEqualTo(200);
            assertThat(resp.headers().get("X-Body-Sha256")).isEqualTo(sha);
            Received seen = a.take();
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.bodyLength()).isEqualTo(body.length);
            assertThat(seen.bodySha256()).isEqualTo(sha);
            assertThat(seen.headers().get("Content-Length")).isEqualTo(Integer.toString(body.length));
            assertThat(seen.headers().get("Content-Type")).isEqualTo("application/octet-stream");
        }
    }

    @Test
    void upstreamErrorResponsesPassThroughUntouched() {
        DisposableServer failing = RecordingUpstream.start((req, res) -> req.uri().startsWith("/teapot")
                ? res.status(418).header("Content-Type", "text/plain").header("X-Reason", "short and stout")
                        .sendString(Mono.just("I'm a teapot")).then()
                : res.status(503).header("Content-Type", "application/json").header("Retry-After", "7")
                        .sendString(Mono.just("{\"error\":\"maintenance\"}")).then());
        try (GatewayServer gw = GatewayServer.start(Gateway.builder()
                .route(Route.builder("r").match(m -> m.path("/**")).uri("http://127.0.0.1:" + failing.port()).build())
                .build())) {
            Resp teapot = get(gw, "/teapot");
            assertThat(teapot.status()).isEqualTo(418);
            assertThat(teapot.body()).isEqualTo("I'm a teapot");
            assertThat(teapot.headers().get("Content-Type")).isEqualTo("text/plain");
            assertThat(teapot.headers().get("X-Reason")).isEqualTo("short and stout");
            Resp down = get(gw, "/down");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("{\"error\":\"maintenance\"}");
            assertThat(down.headers().get("Content-Type")).isEqualTo("application/json");
            assertThat(down.headers().get("Retry-After")).isEqualTo("7");
        }
        finally {
            failing.disposeNow();
        }
    }

    @Test
    void noRouteIsA404Problem() {
        try (GatewayServer gw = serve(route("a", "/a/**", a).build())) {
            Resp resp = get(gw, "/nowhere?x=1");
            assertProblem(resp, 404, "Not Found", null);
            assertThat(Problems.parse(resp.body())).containsEntry("instance", "/nowhere");
        }
        assertThat(a.pending()).isZero();
    }

    @Test
    void asteriskFormTargetIsNotGatewayTrafficAndGoesToTheFallback() {
        try (GatewayServer gw = serve(route("all", "/**", a).build())) {
            RawHttp.Response resp = RawHttp.send(gw.port(), "OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close");
            assertThat(resp.status()).isEqualTo(404); // the default fallback, not a 400 and not the catch-all route
        }
        assertThat(a.pending()).isZero();
    }

    @Test
    void filterThrowingGatewayExceptionIsItsStatusAsAProblemNamingTheRoute() {
        InlineFilter deny = ex -> {
            throw new GatewayException(403, "Forbidden", "no API key");
        };
        try (GatewayServer gw = serve(route("guarded", "/**", a).filter(deny).build())) {
            Resp resp = get(gw, "/secret");
            assertProblem(resp, 403, "Forbidden", "guarded");
            assertThat(Problems.parse(resp.body())).containsEntry("detail", "no API key")
                    .containsEntry("instance", "/secret");
        }
        assertThat(a.pending()).isZero();
    }

    @Test
    void problemExtensionMembersReachTheClient() {
        InlineFilter invalid = ex -> {
            throw new GatewayException(400, "Bad Request", "invalid body")
                    .withProperty("errors", List.of(Map.of("pointer", "/name", "detail", "required")))
                    .withProperty("totalErrors", 1)
                    .withHeader("X-Why", "validation");
        };
        try (GatewayServer gw = serve(route("validated", "/**", a).filter(invalid).build())) {
            Resp resp = get(gw, "/users");
            assertProblem(resp, 400, "Bad Request", "validated");
            assertThat(resp.headers().get("X-Why")).isEqualTo("validation");
            assertThat(Problems.parse(resp.body())).containsEntry("detail", "invalid body")
                    .containsEntry("errors", List.of(Map.of("pointer", "/name", "detail", "required")))
                    .containsEntry("totalErrors", 1);
        }
        assertThat(a.pending()).isZero();
    }

    @Test
    void reactiveFilterFailingWithGatewayExceptionIsItsStatus() {
        try (GatewayServer gw = serve(route("limited", "/**", a)
                .filter((ex, chain) -> Mono.error(new GatewayException(429, "Too Many Requests", "slow down"))).build())) {
            assertProblem(get(gw, "/x"), 429, "Too Many Requests", "limited");
        }
        assertThat(a.pending()).isZero();
    }

    @Test
    void filterThrowingRuntimeExceptionIsA500ProblemNamingTheRoute() {
        InlineFilter broken = ex -> {
            throw new IllegalStateException("bug with a secret inside");
        };
        try (GatewayServer gw = serve(route("buggy", "/**", a).filter(broken).build())) {
            Resp resp = get(gw, "/x");
            assertProblem(resp, 500, "Internal Server Error", "buggy");
            assertThat(Problems.parse(resp.body()).get("detail")).asString().contains("buggy")
                    .doesNotContain("secret");
        }
        assertThat(a.pending()).isZero();
    }

    @Test
    void filterThatRespondsLocallyNeverReachesTheUpstream() {
        InlineFilter redirect = ex -> {
            ex.responseHeaders().set("Location", "https://elsewhere.example/");
            ex.respond(307);
        };
        try (GatewayServer gw = serve(route("moved", "/**", a).filter(redirect).build())) {
            Resp resp = get(gw, "/old");
            assertThat(resp.status()).isEqualTo(307);
            assertThat(resp.headers().get("Location")).isEqualTo("https://elsewhere.example/");
            assertThat(resp.body()).isEmpty();
        }
        assertThat(a.pending()).isZero();
    }

    @Test
    void updateSwapsRoutesForNewRequests() {
        try (GatewayServer gw = serve(route("r", "/x/**", a).build())) {
            assertThat(get(gw, "/x/1").body()).isEqualTo("a");
            gw.gateway().update(List.of(route("r", "/x/**", b).build(), route("new", "/y", a).build()), List.of());
            assertThat(get(gw, "/x/1").body()).isEqualTo("b");
            assertThat(get(gw, "/y").body()).isEqualTo("a");
            gw.gateway().update(List.of(), List.of());
            assertThat(get(gw, "/x/1").status()).isEqualTo(404);
        }
        drain();
    }

    @Test
    void namedUpstreamsBalanceByWeight() {
        Upstream both = Upstream.builder("both").node(a.uri(), 2).node(b.uri(), 1).build();
        try (GatewayServer gw = GatewayServer.start(Gateway.builder().upstream(both)
                .route(Route.builder("r").match(m -> m.path("/**")).upstream("both").build()).build())) {
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                seen.append(get(gw, "/w").body());
            }
            // any starting slot: six picks are two full periods of the smooth 2:1 schedule "aba"
            assertThat(seen.chars().filter(c -> c == 'a').count()).isEqualTo(4);
            assertThat(seen.chars().filter(c -> c == 'b').count()).isEqualTo(2);
            assertThat(seen.toString()).doesNotContain("bb").doesNotContain("aaa");
        }
        drain();
    }

    static void drain() {
        while (a.pending() > 0) {
            a.take();
        }
        while (b.pending() > 0) {
            b.take();
        }
    }
}
