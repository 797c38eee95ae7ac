package dev.portico.gateway.autoconfigure.jwt;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
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
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.security.jwt.JwksRefreshLimiter;
import dev.portico.gateway.testing.RecordingUpstream;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jwt filter in a Boot application with a REAL token issuer: Spring Authorization Server in this JVM. Tokens are
 * fetched over HTTP ({@code POST /oauth2/token}), the gateway's decoder is Boot's own
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}: discovery and JWKS over HTTP), key rotation on the
 * issuer is picked up, hostile tokens are 401 and never reach the upstream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = JwtAuthorizationServerApplicationTests.GatewayApp.class,
        properties = { "spring.autoconfigure.exclude=", "server.max-http-request-header-size=128KB" })
class JwtAuthorizationServerApplicationTests {

    static AuthorizationServer issuer;
    static RecordingUpstream upstream;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        issuer = AuthorizationServer.start();
        upstream = RecordingUpstream.start("orders");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AuthorizationServer.CLIENT);
        String r = "portico.routes[0].";
        registry.add(r + "id", () -> "orders");
        registry.add(r + "match.path", () -> "/api/orders/**");
        registry.add(r + "uri", upstream::uri);
        registry.add(r + "filters[0].jwt.scopes", () -> "orders:read");
        registry.add(r + "filters[0].jwt.claims-to-headers.sub", () -> "X-Client-Id");
        registry.add(r + "filters[1]", () -> "whoami");
        String a = "portico.routes[1].";
        registry.add(a + "id", () -> "admin");
        registry.add(a + "match.path", () -> "/api/admin/**");
        registry.add(a + "uri", upstream::uri);
        registry.add(a + "filters[0].jwt", () -> "admin");
    }

    @AfterAll
    static void stop() {
        issuer.close();
        upstream.close();
    }

    @LocalServerPort
    int port;

    @AfterEach
    void nothingElseReachedTheUpstream() {
        assertThat(upstream.pending()).as("requests that reached the upstream unexpectedly").isZero();
    }

    @Test
    void aTokenFromTheIssuerIsVerifiedAndItsSubjectForwarded() {
        Response r = get("/api/orders/1", issuer.token("orders:read"));
        assertThat(r.status()).isEqualTo(200);
        RecordingUpstream.Received received = upstream.take();
        assertThat(received.headers().get("X-Client-Id")).isEqualTo(AuthorizationServer.CLIENT);
        assertThat(received.headers().contains("Authorization")).isFalse();
        // a later filter of the user's own sees the Authentication in the Reactor context
        assertThat(received.headers().get("X-Authenticated-As")).isEqualTo(AuthorizationServer.CLIENT);
    }

    @Test
    void aTokenWithoutTheRoutesScopeIs403() {
        Response r = get("/api/admin/1", issuer.token("profile"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.headers().get("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"")
                .endsWith("scope=\"admin\"");
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        Response r = get("/api/orders/1", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void theApplicationsOwnEndpointsStayWithSpringSecurity() {
        assertThat(get("/hello", null).status()).isEqualTo(401);
        assertThat(get("/hello", issuer.token("profile")).body()).isEqualTo("hello " + AuthorizationServer.CLIENT);
    }

    @Test
    void aRotatedSigningKeyIsPickedUpByRefetchingTheKeySet() throws Exception {
        String old = issuer.token("orders:read");
        assertThat(get("/api/orders/1", old).status()).isEqualTo(200);
        upstream.take();
        RSAKey rotated = issuer.rotate();
        String fresh = issuer.token("orders:read");
        assertThat(SignedJWTs.kid(fresh)).isEqualTo(rotated.getKeyID());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/orders/1", fresh).status() == 200);
        upstream.take();
        assertThat(get("/api/orders/1", old).status()).isEqualTo(200);
        upstream.take();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void hostileTokensAre401AndNeverForwarded(String name, String token) {
        Response r = get("/api/orders/1", token);
        assertThat(r.status()).as(name).isEqualTo(401);
        assertThat(r.headers().get("WWW-Authenticate")).as(name).startsWith("Bearer error=\"invalid_token\"");
        assertThat(r.body()).as(name).contains("\"status\":401").doesNotContain("Exception");
    }

    static Stream<Arguments> hostileTokens() throws Exception {
        RSAKey key = issuer.signingKey();
        RSAKey attacker = AuthorizationServer.newKey();
        RSAKey attackerWithRealKid = new RSAKey.Builder(attacker).keyID(key.getKeyID()).build();
        Instant now = Instant.now();
        String valid = issuer.token("orders:read");
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "." + Base64URL.encode(payload.replace("\"orders:read\"", "\"admin\"")) + "."
                + parts[2];
        // the HMAC secret an attacker would use: the issuer's public key, as published over HTTP
        RSAPublicKey published = ((RSAKey) issuer.jwks().getKeyByKeyId(key.getKeyID())).toRSAPublicKey();
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                claims(c -> { }).build());
        hs256.sign(new MACSigner(published.getEncoded()));
        return Stream.of(
                Arguments.of("expired", sign(key, claims(c -> c.issueTime(Date.from(now.minusSeconds(900)))
                        .expirationTime(Date.from(now.minusSeconds(600)))))),
                Arguments.of("not yet valid", sign(key, claims(c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))))),
                Arguments.of("wrong issuer", sign(key, claims(c -> c.issuer("https://evil.example")))),
                Arguments.of("wrong audience", sign(key, claims(c -> c.audience("someone-else")))),
                Arguments.of("bad signature", sign(attackerWithRealKid, claims(c -> { }))),
                Arguments.of("tampered scope", tampered),
                Arguments.of("alg none", new PlainJWT(claims(c -> { }).build()).serialize()),
                Arguments.of("HS256 with the RSA public key as secret", hs256.serialize()),
                Arguments.of("unknown kid", sign(new RSAKey.Builder(attacker).keyID(UUID.randomUUID().toString())
                        .build(), claims(c -> { }))),
                Arguments.of("truncated", valid.substring(0, parts[0].length() + 20)),
                Arguments.of("64 KB", sign(key, claims(c -> c.claim("pad", "x".repeat(64 * 1024))))),
                Arguments.of("deeply nested claims", raw(attackerWithRealKid, "{\"iss\":\"" + issuer.issuer()
                        + "\",\"sub\":\"x\",\"deep\":" + "[".repeat(2000) + "]".repeat(2000) + "}")),
                Arguments.of("huge array claim", raw(attackerWithRealKid, "{\"iss\":\"" + issuer.issuer()
                        + "\",\"sub\":\"x\",\"aud\":[" + "0,".repeat(2500) + "0]}")));
    }

    static JWTClaimsSet.Builder claims(Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer.issuer()).subject(AuthorizationServer.CLIENT)
                .audience(AuthorizationServer.CLIENT).claim("scope", List.of("orders:read"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        change.accept(b);
        return b;
    }

    static String sign(RSAKey key, JWTClaimsSet.Builder claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static String raw(RSAKey key, String json) throws Exception {
        String header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build().toBase64URL()
                .toString();
        String payload = Base64URL.encode(json).toString();
        Base64URL signature = new RSASSASigner(key).sign(JWSHeader.parse(Base64URL.from(header)),
                (header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + signature;
    }

    record Response(int status, HttpHeaders headers, String body) {
    }

    Response get(String path, String token) {
        return HttpClient.newConnection().baseUrl("http://127.0.0.1:" + this.port)
                .headers(h -> {
                    if (token != null) {
                        h.set("Authorization", "Bearer " + token);
                    }
                })
                .get().uri(path)
                .responseSingle((res, body) -> body.asString().defaultIfEmpty("")
                        .map(b -> new Response(res.status().code(), res.responseHeaders(), b)))
                .block(Duration.ofSeconds(10));
    }

    static final class SignedJWTs {

        static String kid(String token) throws java.text.ParseException {
            return SignedJWT.parse(token).getHeader().getKeyID();
        }
    }

    @SpringBootApplication
    @RestController
    static class GatewayApp {

        @GetMapping("/hello")
        reactor.core.publisher.Mono<String> hello(java.security.Principal principal) {
            return reactor.core.publisher.Mono.just("hello " + principal.getName());
        }

        /** The application's own endpoints: Spring Security's resource server, on the same decoder. */
        @Bean
        SecurityWebFilterChain applicationSecurity(ServerHttpSecurity http) {
            return http.authorizeExchange(e -> e.pathMatchers("/actuator/health").permitAll()
                            .anyExchange().authenticated())
                    .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))
                    .build();
        }

        /** Short, so that the rotation test need not wait 30 s. */
        @Bean
        JwksRefreshLimiter jwksRefreshLimiter() {
            return JwksRefreshLimiter.of(Duration.ofMillis(300));
        }

        /** A user's filter after jwt: reads the Authentication from the Reactor context. */
        @Bean
        GatewayFilterFactory<?> whoami() {
            GatewayFilter filter = (exchange, chain) -> ReactiveSecurityContextHolder.getContext()
                    .map(c -> c.getAuthentication().getName())
                    .defaultIfEmpty("nobody")
                    .flatMap(name -> {
                        exchange.requestHeaders().set("X-Authenticated-As", name);
                        return chain.filter(exchange);
                    });
            return GatewayFilterFactory.of("whoami", filter);
        }
    }
}
