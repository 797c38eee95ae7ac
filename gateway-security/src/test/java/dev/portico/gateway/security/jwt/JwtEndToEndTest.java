package dev.portico.gateway.security.jwt;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.RecordingUpstream;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jwt filter in a real gateway (engine only, no Boot) with a real issuer over HTTP: tokens signed with Nimbus,
 * keys fetched from the issuer's JWKS endpoint by Spring Security's reactive decoder, through the refresh limiter.
 */
class JwtEndToEndTest {

    static TestIssuer issuer;
    static TestIssuer partner;
    static RecordingUpstream upstream;
    static JwksRefreshLimiter limiter;
    static LargeHeaderGateway gateway;

    @BeforeAll
    static void start() {
        issuer = new TestIssuer();
        partner = new TestIssuer();
        upstream = RecordingUpstream.start("orders");
        limiter = JwksRefreshLimiter.of(Duration.ofMinutes(10));
        JwtAuthenticator authenticator = JwtAuthenticator.builder()
                .issuer(issuer.jwtIssuer("main", limiter))
                .issuer(partner.jwtIssuer("partner", limiter))
                .cache(ValidatedTokenCache.of(1000, Duration.ofMinutes(5)))
                .build();
        GatewayFilter seesAuthentication = (exchange, chain) -> ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .map(a -> a.getName() + " " + new java.util.TreeSet<>(exchange.attr(GatewayAttributes.CONSUMER).groups()))
                .defaultIfEmpty("nobody")
                .flatMap(seen -> {
                    exchange.requestHeaders().set("X-Seen-By-Next-Filter", seen);
                    return chain.filter(exchange);
                });
        gateway = LargeHeaderGateway.start(Gateway.builder()
                .route(Route.builder("orders").match(m -> m.path("/orders/**")).uri(upstream.uri())
                        .filter(JwtFilter.builder(authenticator).issuers("main").scopes("orders:read")
                                .claimToHeader("sub", "X-User-Id").claimToHeader("tenant", "X-Tenant").build())
                        .filter(seesAuthentication)
                        .build())
                .route(Route.builder("any").match(m -> m.path("/any/**")).uri(upstream.uri())
                        .filter(JwtFilter.builder(authenticator).keepAuthorization(true).build())
                        .build())
                .build());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        issuer.close();
        partner.close();
    }

    @AfterEach
    void nothingElseReachedTheUpstream() {
        assertThat(upstream.pending()).as("requests that reached the upstream unexpectedly").isZero();
    }

    @Test
    void forwardsAVerifiedTokenWithClaimsAsHeadersAndWithoutAuthorization() {
        String token = issuer.token("alice", "orders:read profile", c -> c.claim("tenant", "acme"));
        Response r = get("/orders/1", token, Map.of("X-User-Id", "mallory", "X-Tenant", "evil"));
        assertThat(r.status()).isEqualTo(200);
        RecordingUpstream.Received received = upstream.take();
        assertThat(received.headers().getAll("X-User-Id")).containsExactly("alice");
        assertThat(received.headers().getAll("X-Tenant")).containsExactly("acme");
        assertThat(received.headers().contains("Authorization")).isFalse();
        assertThat(received.headers().get("X-Seen-By-Next-Filter")).isEqualTo("alice [orders:read, profile]");
    }

    @Test
    void routeCanKeepTheAuthorizationHeader() {
        String token = partner.token("bob", "x");
        assertThat(get("/any/1", token).status()).isEqualTo(200);
        assertThat(upstream.take().headers().get("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void missingTokenIsAPlainBearerChallenge() {
        Response r = get("/orders/1", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void scopeMismatchIs403InsufficientScope() {
        Response r = get("/orders/1", issuer.token("alice", "profile"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\", "
                + "error_description=\"the token lacks the scope this route requires\", scope=\"orders:read\"");
        assertThat(r.body()).contains("\"status\":403");
    }

    @Test
    void aTokenOfAnotherConfiguredIssuerIsRefusedWhereTheRouteDoesNotAcceptIt() {
        Response r = get("/orders/1", partner.token("bob", "orders:read"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).contains("issuer not accepted on this route");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void hostileTokensAreRejectedWith401AndNeverForwarded(String name, String token, String description) {
        Response r = get("/orders/1", token);
        assertThat(r.status()).as(name).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).as(name)
                .isEqualTo("Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("Jwt expired");
    }

    static Stream<Arguments> hostileTokens() throws Exception {
        RSAKey key = issuer.signingKey();
        RSAKey attacker = TestIssuer.newKey();
        RSAKey attackerWithRealKid = new RSAKey.Builder(attacker).keyID(key.getKeyID()).build();
        Instant now = Instant.now();
        String valid = issuer.token("alice", "orders:read");
        String[] parts = valid.split("\\.");
        String tamperedPayload = Base64URL.encode(new String(Base64.getUrlDecoder().decode(parts[1]))
                .replace("alice", "admin")).toString();
        RSAPublicKey publicKey = key.toRSAPublicKey();
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                issuer.claimsBuilder("alice", "orders:read").build());
        hs256.sign(new MACSigner(publicKey.getEncoded()));
        String deep = "[".repeat(2000) + "]".repeat(2000);
        String huge = "[" + "0,".repeat(2500) + "0]";
        return Stream.of(
                Arguments.of("expired", issuer.token("alice", "orders:read",
                        c -> c.issueTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(600)))),
                        "token expired"),
                Arguments.of("not yet valid", issuer.token("alice", "orders:read",
                        c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))), "token not yet valid"),
                Arguments.of("wrong issuer", issuer.token("alice", "orders:read", c -> c.issuer("https://evil.example")),
                        "unknown issuer"),
                Arguments.of("wrong audience", issuer.token("alice", "orders:read", c -> c.audience("other")),
                        "invalid audience"),
                Arguments.of("no exp", issuer.token("alice", "orders:read", c -> c.expirationTime(null)),
                        "invalid token"),
                Arguments.of("bad signature (other key, real kid)", TestIssuer.sign(attackerWithRealKid,
                        issuer.claimsBuilder("alice", "orders:read"), c -> { }), "invalid token"),
                Arguments.of("tampered payload", parts[0] + "." + tamperedPayload + "." + parts[2], "invalid token"),
                Arguments.of("alg none", new PlainJWT(issuer.claimsBuilder("alice", "orders:read").build()).serialize(),
                        "invalid token"),
                Arguments.of("HS256 with the RSA public key as secret", hs256.serialize(), "invalid token"),
                Arguments.of("unknown kid", TestIssuer.sign(attacker, issuer.claimsBuilder("alice", "orders:read"),
                        c -> { }), "invalid token"),
                Arguments.of("truncated", valid.substring(0, parts[0].length() + 20), "malformed token"),
                Arguments.of("64 KB", issuer.token("alice", "orders:read", c -> c.claim("pad", "x".repeat(64 * 1024))),
                        "token too large"),
                Arguments.of("deeply nested claim", jsonBomb(attackerWithRealKid, "{\"iss\":\"" + issuer.issuer()
                        + "\",\"sub\":\"alice\",\"deep\":" + deep + "}"), "malformed token"),
                Arguments.of("huge array claim", jsonBomb(attackerWithRealKid, "{\"iss\":\"" + issuer.issuer()
                        + "\",\"sub\":\"alice\",\"aud\":" + huge + "}"), "malformed token"),
                Arguments.of("not a JWT", "abc.def", "malformed token"));
    }

    /** A token whose payload is exactly {@code json} (not re-serialized by Nimbus), signed. */
    static String jsonBomb(RSAKey key, String json) throws Exception {
        String header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build().toBase64URL()
                .toString();
        String payload = Base64URL.encode(json).toString();
        byte[] signingInput = (header + "." + payload).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Base64URL signature = new RSASSASigner(key).sign(JWSHeader.parse(Base64URL.from(header)), signingInput);
        return header + "." + payload + "." + signature;
    }

    @Test
    void unknownKidsRefetchTheKeySetAtABoundedRate() {
        int before = issuer.jwksFetches();
        for (int i = 0; i < 20; i++) {
            String token = TestIssuer.sign(TestIssuer.newKey(), issuer.claimsBuilder("alice", "orders:read"), c -> { });
            assertThat(get("/orders/1", token).status()).isEqualTo(401);
        }
        // the limiter's interval is 10 min: at most the one refetch a first unknown kid may cause
        assertThat(issuer.jwksFetches() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void aRotatedKeyIsPickedUpAfterARefetch() {
        try (TestIssuer rotating = new TestIssuer(); GatewayServer gw = rotatingGateway(rotating)) {
            String before = rotating.token("carol", "x");
            assertThat(get(gw, "/r/1", before, Map.of()).status()).isEqualTo(200);
            upstream.take();
            int fetches = rotating.jwksFetches();
            rotating.rotate();
            String after = rotating.token("carol", "x");
            // the first unknown kid within the interval finds no key; once the interval passed, one refetch finds it
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(gw, "/r/1", after, Map.of()).status() == 200);
            upstream.take();
            assertThat(rotating.jwksFetches() - fetches).isBetween(1, 2);
            assertThat(get(gw, "/r/1", before, Map.of()).status()).as("the old key is still published").isEqualTo(200);
            upstream.take();
        }
    }

    private static GatewayServer rotatingGateway(TestIssuer rotating) {
        JwksRefreshLimiter fast = JwksRefreshLimiter.of(Duration.ofMillis(500));
        JwtAuthenticator authenticator = JwtAuthenticator.builder().issuer(rotating.jwtIssuer("r", fast)).build();
        return GatewayServer.start(Gateway.builder()
                .route(Route.builder("r").match(m -> m.path("/r/**")).uri(upstream.uri())
                        .filter(JwtFilter.builder(authenticator).build()).build())
                .build());
    }

    /**
     * The gateway on a server that accepts 128 KB of headers, so that an oversized token reaches the filter (Reactor
     * Netty's default of 8 KB would answer 431 itself).
     */
    record LargeHeaderGateway(Gateway gateway, reactor.netty.DisposableServer server) {

        static LargeHeaderGateway start(Gateway gateway) {
            return new LargeHeaderGateway(gateway, reactor.netty.http.server.HttpServer.create().host("127.0.0.1")
                    .port(0).httpRequestDecoder(spec -> spec.maxHeaderSize(128 * 1024))
                    .handle(new dev.portico.gateway.server.GatewayHandler(gateway)).bindNow());
        }

        HttpClient client() {
            return HttpClient.newConnection().baseUrl("http://127.0.0.1:" + this.server.port());
        }

        void close() {
            this.server.disposeNow();
            this.gateway.close();
        }
    }

    record Response(int status, HttpHeaders headers, String body) {
    }

    static Response get(String path, String token) {
        return get(gateway.client(), path, token, Map.of());
    }

    static Response get(String path, String token, Map<String, String> headers) {
        return get(gateway.client(), path, token, headers);
    }

    static Response get(GatewayServer gw, String path, String token, Map<String, String> headers) {
        return get(gw.client(), path, token, headers);
    }

    static Response get(LargeHeaderGateway gw, String path, String token, Map<String, String> headers) {
        return get(gw.client(), path, token, headers);
    }

    static Response get(HttpClient client, String path, String token, Map<String, String> headers) {
        return client
                .headers(h -> {
                    if (token != null) {
                        h.set("Authorization", "Bearer " + token);
                    }
                    headers.forEach(h::set);
                })
                .get().uri(path)
                .responseSingle((res, body) -> body.asString().defaultIfEmpty("")
                        .map(b -> new Response(res.status().code(), res.responseHeaders(), b)))
                .block(Duration.ofSeconds(10));
    }

}
