package dev.portico.gateway.security.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.portico.gateway.route.CidrRange;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.security.cors.CorsFilter;
import dev.portico.gateway.security.headers.SecureHeadersFilter;
import dev.portico.gateway.security.ip.IpRestrictionFilter;
import dev.portico.gateway.security.validation.RequestValidationFilter;
import dev.portico.gateway.server.ForwardedHeaders;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.RecordingUpstream;
import dev.portico.gateway.testing.RecordingUpstream.Received;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.netty.ByteBufFlux;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge filters in a real gateway on port 0, in front of a real upstream that records what reached it. */
class EdgeFiltersEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static RecordingUpstream upstream;
    static GatewayServer direct;
    static GatewayServer behindProxy;

    @BeforeAll
    static void start() {
        upstream = RecordingUpstream.start("svc");
        direct = GatewayServer.start(gateway(ForwardedHeaders.trustingNone()));
        // the test client connects from 127.0.0.1: here it counts as a trusted proxy
        behindProxy = GatewayServer.start(gateway(ForwardedHeaders.trusting(List.of(CidrRange.parse("127.0.0.1/32")))));
    }

    static Gateway gateway(ForwardedHeaders forwarded) {
        return Gateway.builder().forwardedHeaders(forwarded)
                .globalFilter(SecureHeadersFilter.builder().contentSecurityPolicy("default-src 'none'").build())
                .route(route("cors", "/cors/**").filter(CorsFilter.of(c -> {
                    c.setAllowedOrigins(List.of("https://app.example.com"));
                    c.setAllowedMethods(List.of("GET", "PUT"));
                    c.setAllowedHeaders(List.of("Content-Type"));
                    c.setAllowCredentials(true);
                    c.setExposedHeaders(List.of("X-Upstream"));
                })).build())
                .route(route("ip", "/ip/**").filter(IpRestrictionFilter.of(List.of("203.0.113.0/24", "127.0.0.1"),
                        List.of("203.0.113.66"))).build())
                .route(route("orders", "/orders").filter(RequestValidationFilter.builder()
                        .schemaLocation("classpath:schemas/order.json").header("X-Tenant", "[a-z]{3,16}")
                        .maxBody(DataSize.ofKilobytes(4)).build()).build())
                .build();
    }

    static Route.Builder route(String id, String path) {
        return Route.builder(id).match(m -> m.path(path)).uri(upstream.uri());
    }

    @AfterAll
    static void stop() {
        direct.close();
        behindProxy.close();
        upstream.close();
    }

    record Resp(int status, HttpHeaders headers, String body) {

        Map<String, Object> problem() {
            assertThat(this.headers.get("Content-Type")).isEqualTo("application/problem+json");
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(this.body, Map.class);
            return map;
        }
    }

    static Resp send(GatewayServer server, HttpMethod method, String uri, Consumer<HttpHeaders> headers,
            Flux<String> body) {
        return server.client().headers(headers).request(method).uri(uri)
                .send(body == null ? Flux.<ByteBuf>empty() : ByteBufFlux.fromString(body))
                .responseSingle((r, b) -> b.asString().defaultIfEmpty("")
                        .map(s -> new Resp(r.status().code(), r.responseHeaders(), s)))
                .block(Duration.ofSeconds(10));
    }

    static Resp get(GatewayServer server, String uri, Consumer<HttpHeaders> headers) {
        return server.client().headers(headers).get().uri(uri)
                .responseSingle((r, b) -> b.asString().defaultIfEmpty("")
                        .map(s -> new Resp(r.status().code(), r.responseHeaders(), s)))
                .block(Duration.ofSeconds(10));
    }

    static void nothingReachedTheUpstream() {
        assertThat(upstream.pending()).as("requests that reached the upstream").isZero();
    }

    // ---- cors

    @Test
    void preflightIsAnsweredAtTheGatewayAndNeverReachesTheUpstream() {
        Resp r = send(direct, HttpMethod.OPTIONS, "/cors/items", h -> h.set("Origin", "https://app.example.com")
                .set("Access-Control-Request-Method", "PUT").set("Access-Control-Request-Headers", "content-type"),
                null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.headers().get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(r.headers().get("Access-Control-Allow-Methods")).isEqualTo("GET,PUT");
        assertThat(r.headers().get("Access-Control-Allow-Headers")).isEqualTo("content-type");
        assertThat(r.headers().get("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.headers().getAll("Vary")).contains("Origin", "Access-Control-Request-Method",
                "Access-Control-Request-Headers");
        assertThat(r.headers().get("Content-Security-Policy")).isEqualTo("default-src 'none'"); // global filter
        nothingReachedTheUpstream();
    }

    @Test
    void allowedActualRequestIsProxiedAndGranted() {
        Resp r = get(direct, "/cors/items", h -> h.set("Origin", "https://app.example.com"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(r.headers().get("Access-Control-Expose-Headers")).isEqualTo("X-Upstream");
        assertThat(r.headers().getAll("Vary")).contains("Origin");
        Received received = upstream.take();
        assertThat(received.uri()).isEqualTo("/cors/items");
        assertThat(received.headers().get("Origin")).isEqualTo("https://app.example.com");
    }

    @Test
    void disallowedOriginIsRefusedForPreflightAndActualRequests() {
        Resp preflight = send(direct, HttpMethod.OPTIONS, "/cors/items", h -> h.set("Origin", "https://evil.example")
                .set("Access-Control-Request-Method", "GET"), null);
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.problem()).containsEntry("detail", "CORS: origin is not allowed")
                .containsEntry("route", "cors");
        Resp actual = get(direct, "/cors/items", h -> h.set("Origin", "https://evil.example"));
        assertThat(actual.status()).isEqualTo(403);
        assertThat(actual.headers().contains("Access-Control-Allow-Origin")).isFalse();
        nothingReachedTheUpstream();
    }

    // ---- ip-restriction

    @Test
    void spoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        // the peer 127.0.0.1 is allowed itself; its claim to be 203.0.113.66 (denied) changes nothing
        Resp allowedPeer = get(direct, "/ip/a", h -> h.set("X-Forwarded-For", "203.0.113.66"));
        assertThat(allowedPeer.status()).isEqualTo(200);
        assertThat(upstream.take().uri()).isEqualTo("/ip/a");
    }

    @Test
    void trustedProxyReportsTheClientTheRulesApplyTo() {
        Resp allowed = get(behindProxy, "/ip/b", h -> h.set("X-Forwarded-For", "203.0.113.9"));
        assertThat(allowed.status()).isEqualTo(200);
        Received received = upstream.take();
        assertThat(received.uri()).isEqualTo("/ip/b");
        assertThat(received.headers().get("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");

        Resp denied = get(behindProxy, "/ip/c", h -> h.set("X-Forwarded-For", "203.0.113.66"));
        assertThat(denied.status()).isEqualTo(403); // deny wins over the allowed /24
        assertThat(denied.problem()).containsEntry("detail", "client address is not allowed on this route");
        Resp outside = get(behindProxy, "/ip/d", h -> h.set("X-Forwarded-For", "198.51.100.1"));
        assertThat(outside.status()).isEqualTo(403);
        nothingReachedTheUpstream();
    }

    // ---- request-validation

    static final String VALID = "{\"customer\":\"c-1\",\"items\":[{\"sku\":\"ABC-1234\",\"qty\":2}]}";

    static Consumer<HttpHeaders> json(String tenant) {
        return h -> h.set("Content-Type", "application/json").set("X-Tenant", tenant);
    }

    @Test
    void validBodyReachesTheUpstreamAsTheSameBytes() throws Exception {
        // sent chunked in three parts: the gateway aggregates, validates and forwards with a Content-Length
        Flux<String> parts = Flux.just(VALID.substring(0, 10), VALID.substring(10, 30), VALID.substring(30));
        Resp r = send(direct, HttpMethod.POST, "/orders", json("acme"), parts);
        assertThat(r.status()).isEqualTo(200);
        Received received = upstream.take();
        assertThat(received.bodyLength()).isEqualTo(VALID.length());
        assertThat(received.bodySha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(VALID.getBytes(StandardCharsets.UTF_8))));
        assertThat(received.headers().get("Content-Length")).isEqualTo(Integer.toString(VALID.length()));
        assertThat(received.headers().contains("Transfer-Encoding")).isFalse();
    }

    @Test
    void invalidBodyIsA400ListingTheViolations() {
        Resp r = send(direct, HttpMethod.POST, "/orders", json("acme"),
                Flux.just("{\"customer\":\"\",\"items\":[{\"sku\":\"x\",\"qty\":\"2\"}]}"));
        assertThat(r.status()).isEqualTo(400);
        Map<String, Object> problem = r.problem();
        assertThat(problem).containsEntry("detail", "request body does not match the schema")
                .containsEntry("route", "orders").containsEntry("instance", "/orders");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors).extracting(e -> e.get("pointer")).containsExactlyInAnyOrder("/customer", "/items/0/sku",
                "/items/0/qty");
        assertThat(problem).containsEntry("totalErrors", 3);
        nothingReachedTheUpstream();
    }

    @Test
    void missingHeaderWrongTypeBadJsonAndOversizedBodiesNeverReachTheUpstream() {
        Resp header = send(direct, HttpMethod.POST, "/orders", h -> h.set("Content-Type", "application/json"),
                Flux.just(VALID));
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.problem().get("errors")).isEqualTo(List.of(Map.of("header", "X-Tenant", "detail",
                "is required")));
        Resp type = send(direct, HttpMethod.POST, "/orders", h -> h.set("Content-Type", "text/plain")
                .set("X-Tenant", "acme"), Flux.just(VALID));
        assertThat(type.status()).isEqualTo(415);
        Resp broken = send(direct, HttpMethod.POST, "/orders", json("acme"), Flux.just("{\"customer\": tru"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat((String) broken.problem().get("detail")).startsWith("request body is not valid JSON");
        // chunked, 5000 bytes in 1000-byte parts against a 4KB limit: cut off while aggregating
        Flux<String> big = Flux.range(0, 5).map(i -> i == 0 ? "{\"customer\":\"" + "x".repeat(986) : "x".repeat(1000));
        Resp tooLarge = send(direct, HttpMethod.POST, "/orders", json("acme"), big);
        assertThat(tooLarge.status()).isEqualTo(413);
        nothingReachedTheUpstream();
    }

    // ---- secure-headers (global here)

    @Test
    void secureHeadersAreOnProxiedResponsesButHstsOnlyOverHttps() {
        Resp r = get(direct, "/ip/e", h -> { });
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.headers().get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.headers().get("Content-Security-Policy")).isEqualTo("default-src 'none'");
        assertThat(r.headers().contains("Strict-Transport-Security")).isFalse(); // plain http to the gateway
        assertThat(r.headers().get("X-Upstream")).isEqualTo("svc");
        upstream.take();
    }
}
