package dev.portico.gateway.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.security.AuthenticationFilter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The jwt filter against in-memory exchanges: no server, a decoder with a local public key. */
class JwtFilterTest {

    static final RSAKey KEY = TestIssuer.newKey();
    static final String ISS = "https://issuer.test";

    final AtomicInteger decodes = new AtomicInteger();

    ReactiveJwtDecoder decoder() {
        try {
            NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
            nimbus.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISS));
            return token -> {
                this.decodes.incrementAndGet();
                return nimbus.decode(token);
            };
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    JwtAuthenticator authenticator(ValidatedTokenCache cache) {
        return JwtAuthenticator.builder().issuer(JwtIssuer.of(JwtIssuer.DEFAULT, ISS, decoder())).cache(cache).build();
    }

    static String token(java.util.function.Consumer<JWTClaimsSet.Builder> claims) {
        Instant now = Instant.now();
        return TestIssuer.sign(KEY, new JWTClaimsSet.Builder().issuer(ISS).subject("alice").claim("scope", "a b")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))), claims);
    }

    static GatewayExchange exchange(String authorization) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (authorization != null) {
            headers.set("Authorization", authorization);
        }
        headers.set("X-User-Id", "spoofed");
        return GatewayExchange.of(HttpMethod.GET, "/api/x", headers, null);
    }

    static GatewayException rejection(GatewayFilter filter, GatewayExchange exchange) {
        try {
            filter.filter(exchange, e -> Mono.error(new AssertionError("forwarded"))).block();
        }
        catch (GatewayException ex) {
            return ex;
        }
        throw new AssertionError("not rejected");
    }

    @Test
    void isAnAuthenticationFilter() {
        assertThat(JwtFilter.builder(authenticator(null)).build()).isInstanceOf(AuthenticationFilter.class);
    }

    @Test
    void missingOrNonBearerCredentialsGetAPlainChallenge() {
        JwtFilter filter = JwtFilter.builder(authenticator(null)).build();
        for (String auth : new String[] { null, "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer", "" }) {
            GatewayException ex = rejection(filter, exchange(auth));
            assertThat(ex.status()).isEqualTo(401);
            assertThat(ex.headers()).containsEntry("WWW-Authenticate", "Bearer");
        }
        assertThat(this.decodes).hasValue(0);
    }

    @Test
    void oversizedAndMalformedTokensAreRejectedBeforeDecoding() {
        JwtFilter filter = JwtFilter.builder(authenticator(null)).build();
        assertThat(rejection(filter, exchange("Bearer " + "a".repeat(64 * 1024))).headers().get("WWW-Authenticate"))
                .isEqualTo("Bearer error=\"invalid_token\", error_description=\"token too large\"");
        assertThat(rejection(filter, exchange("Bearer a\"b")).headers().get("WWW-Authenticate"))
                .contains("malformed token");
        assertThat(this.decodes).hasValue(0);
    }

    @Test
    void setsConsumerClaimHeadersAndRemovesAuthorization() {
        JwtFilter filter = JwtFilter.builder(authenticator(null)).claimToHeader("sub", "X-User-Id")
                .claimToHeader("roles", "X-Roles").build();
        GatewayExchange exchange = exchange("bearer " + token(c -> c.claim("roles", List.of("r1", "r2"))));
        filter.filter(exchange, e -> Mono.empty()).block();
        assertThat(exchange.requestHeaders().getAll("X-User-Id")).containsExactly("alice");
        assertThat(exchange.requestHeaders().get("X-Roles")).isEqualTo("r1,r2");
        assertThat(exchange.requestHeaders().contains("Authorization")).isFalse();
        Consumer consumer = exchange.attr(GatewayAttributes.CONSUMER);
        assertThat(consumer.id()).isEqualTo("alice");
        assertThat(consumer.groups()).containsExactlyInAnyOrder("a", "b");
        assertThat(consumer.metadata()).containsEntry("issuer", "default");
    }

    @Test
    void consumerAndGroupsComeFromConfiguredClaims() {
        JwtFilter filter = JwtFilter.builder(authenticator(null)).consumerClaim("client_id").groupsClaim("groups")
                .build();
        GatewayExchange exchange = exchange("Bearer " + token(c -> c.claim("client_id", "svc-7")
                .claim("groups", List.of("ops", "billing"))));
        filter.filter(exchange, e -> Mono.empty()).block();
        assertThat(exchange.attr(GatewayAttributes.CONSUMER).id()).isEqualTo("svc-7");
        assertThat(exchange.attr(GatewayAttributes.CONSUMER).groups()).containsExactlyInAnyOrder("ops", "billing");
        GatewayException ex = rejection(filter, exchange("Bearer " + token(c -> { })));
        assertThat(ex.headers().get("WWW-Authenticate")).contains("token has no client_id claim");
    }

    @Test
    void scopesAnyOrAll() {
        String ab = "Bearer " + token(c -> { });
        JwtFilter any = JwtFilter.builder(authenticator(null)).scopes("a", "c").build();
        any.filter(exchange(ab), e -> Mono.empty()).block();
        JwtFilter all = JwtFilter.builder(authenticator(null)).scopes("a", "c").match(JwtFilter.Match.ALL).build();
        GatewayException ex = rejection(all, exchange(ab));
        assertThat(ex.status()).isEqualTo(403);
        assertThat(ex.headers().get("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"")
                .endsWith("scope=\"a c\"");
        JwtFilter.builder(authenticator(null)).scopes("a", "b").match(JwtFilter.Match.ALL).build()
                .filter(exchange(ab), e -> Mono.empty()).block();
    }

    @Test
    void routeAudienceIsCheckedOnTopOfTheIssuers() {
        JwtFilter filter = JwtFilter.builder(authenticator(null)).audiences("orders").build();
        filter.filter(exchange("Bearer " + token(c -> c.audience(List.of("x", "orders")))), e -> Mono.empty()).block();
        assertThat(rejection(filter, exchange("Bearer " + token(c -> c.audience("x")))).headers()
                .get("WWW-Authenticate")).contains("invalid audience");
    }

    @Test
    void aCachedTokenIsNotDecodedAgain() {
        JwtAuthenticator authenticator = authenticator(ValidatedTokenCache.of(100, Duration.ofMinutes(5)));
        JwtFilter filter = JwtFilter.builder(authenticator).scopes("a").build();
        String token = "Bearer " + token(c -> { });
        for (int i = 0; i < 5; i++) {
            filter.filter(exchange(token), e -> Mono.empty()).block();
        }
        assertThat(this.decodes).hasValue(1);
        // route rules still apply to a cached token
        GatewayException ex = rejection(JwtFilter.builder(authenticator).scopes("z").build(), exchange(token));
        assertThat(ex.status()).isEqualTo(403);
        assertThat(this.decodes).hasValue(1);
    }

    @Test
    void rejectedTokensAreNotCached() {
        JwtAuthenticator authenticator = authenticator(ValidatedTokenCache.of(100, Duration.ofMinutes(5)));
        JwtFilter filter = JwtFilter.builder(authenticator).build();
        String expired = "Bearer " + token(c -> c.issueTime(Date.from(Instant.now().minusSeconds(900)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600))));
        for (int i = 0; i < 3; i++) {
            assertThat(rejection(filter, exchange(expired)).headers().get("WWW-Authenticate"))
                    .contains("token expired");
        }
        assertThat(this.decodes).hasValue(3);
        assertThat(authenticator.cache().size()).isZero();
    }

    @Test
    void tokensSharingTheirHashedTailAreStillDifferentKeys() {
        String tail = "x".repeat(40);
        ValidatedTokenCache.Key a = ValidatedTokenCache.key("aaaa." + tail);
        ValidatedTokenCache.Key b = ValidatedTokenCache.key("bbbb." + tail);
        assertThat(a.hashCode()).isEqualTo(b.hashCode()); // the hash sees the tail only, by design
        assertThat(a).isNotEqualTo(b).isEqualTo(ValidatedTokenCache.key("aaaa." + tail));
        ValidatedTokenCache cache = ValidatedTokenCache.of(100, Duration.ofMinutes(10));
        cache.put(a, verified(Instant.now().plusSeconds(60)));
        assertThat(cache.get(b)).isNull();
        assertThat(cache.get(ValidatedTokenCache.key("aaaa." + tail))).isNotNull();
        assertThat(a.toString()).doesNotContain("aaaa");
    }

    @Test
    void cacheEntriesExpireAtTheTokensExpNeverLater() {
        FakeTime time = new FakeTime();
        ValidatedTokenCache cache = ValidatedTokenCache.of(100, Duration.ofMinutes(10), time::nanos, time.clock());
        Instant exp = time.now().plusSeconds(30);
        VerifiedToken verified = verified(exp);
        ValidatedTokenCache.Key key = ValidatedTokenCache.key("t");
        cache.put(key, verified);
        time.advance(Duration.ofSeconds(29));
        assertThat(cache.get(key)).isNotNull();
        time.advance(Duration.ofSeconds(1));
        assertThat(cache.get(key)).isNull();
        // and never longer than max-ttl
        cache.put(key, verified(time.now().plusSeconds(3600)));
        time.advance(Duration.ofMinutes(10));
        assertThat(cache.get(key)).isNull();
    }

    @Test
    void differentTokensHaveDifferentKeys() {
        assertThat(ValidatedTokenCache.key("a")).isEqualTo(ValidatedTokenCache.key("a"))
                .isNotEqualTo(ValidatedTokenCache.key("b"));
        // a non-ASCII character is not folded onto its low byte
        assertThat(ValidatedTokenCache.key("\u0141")).isNotEqualTo(ValidatedTokenCache.key("A"));
        String long1 = "x".repeat(3000) + "1";
        assertThat(ValidatedTokenCache.key(long1)).isNotEqualTo(ValidatedTokenCache.key("x".repeat(3000) + "2"))
                .isEqualTo(ValidatedTokenCache.key(long1));
    }

    @Test
    void severalIssuersArePickedByIssAndAnUnknownIssIsRejectedWithoutDecoding() {
        AtomicInteger other = new AtomicInteger();
        ReactiveJwtDecoder otherDecoder = t -> {
            other.incrementAndGet();
            return Mono.error(new IllegalStateException("not this one"));
        };
        JwtAuthenticator authenticator = JwtAuthenticator.builder()
                .issuer(JwtIssuer.of("main", ISS, decoder()))
                .issuer(JwtIssuer.of("other", "https://other.test", otherDecoder))
                .build();
        JwtFilter filter = JwtFilter.builder(authenticator).build();
        filter.filter(exchange("Bearer " + token(c -> { })), e -> Mono.empty()).block();
        assertThat(this.decodes).hasValue(1);
        GatewayException ex = rejection(filter, exchange("Bearer " + token(c -> c.issuer("https://evil.test"))));
        assertThat(ex.headers().get("WWW-Authenticate")).contains("unknown issuer");
        assertThat(this.decodes).hasValue(1);
        assertThat(other).hasValue(0);
    }

    @Test
    void factoryValidatesWhenRoutesCompile() {
        JwtFilter.Factory factory = new JwtFilter.Factory(authenticator(null));
        JwtFilter.Factory.Config config = new JwtFilter.Factory.Config();
        config.setIssuers(List.of("partners"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessage("issuers: partners (expected: one of [default], configured under "
                        + "portico.security.jwt.issuers)");
        JwtFilter.Factory.Config headers = new JwtFilter.Factory.Config();
        headers.setClaimsToHeaders(Map.of("sub", "Authorization"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(headers))
                .withMessageStartingWith("claims-to-headers.sub: 'Authorization' (expected:");
        JwtFilter.Factory.Config scopes = new JwtFilter.Factory.Config();
        scopes.setScopes(List.of("a b"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(scopes))
                .withMessageStartingWith("scopes: 'a b'");
        assertThat(factory.shortcutFields()).containsExactly("scopes");
        assertThat(factory.name()).isEqualTo("jwt");
    }

    @Test
    void unavailableFactoryFailsEveryRouteThatNamesIt() {
        JwtFilter.Factory factory = JwtFilter.Factory.unavailable("no JWT decoder: set x");
        assertThatThrownBy(() -> factory.create(new JwtFilter.Factory.Config()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no JWT decoder: set x");
    }

    @Test
    void clockSkewOfARemoteIssuerApplies() {
        JwtTimestampValidator strict = new JwtTimestampValidator(Duration.ZERO);
        Jwt justExpired = Jwt.withTokenValue("t").header("alg", "RS256").subject("a")
                .issuedAt(Instant.now().minusSeconds(60)).expiresAt(Instant.now().minusSeconds(5)).build();
        assertThat(strict.validate(justExpired).hasErrors()).isTrue();
        assertThat(new JwtTimestampValidator(Duration.ofSeconds(30)).validate(justExpired).hasErrors()).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtIssuer.remote("p", "https://p").clockSkew(Duration.ofSeconds(-1))
                        .build(JwksRefreshLimiter.of(Duration.ofSeconds(1))))
                .withMessage("issuers.p.clock-skew: PT-1S (expected: >= 0s)");
    }

    static VerifiedToken verified(Instant exp) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("a").issuedAt(exp.minusSeconds(60))
                .expiresAt(exp).build();
        return new VerifiedToken("default", jwt,
                new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken(jwt));
    }

    static final class FakeTime {

        private long nanos = 1_000_000_000L;
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        long nanos() {
            return this.nanos;
        }

        Instant now() {
            return this.now;
        }

        void advance(Duration d) {
            this.nanos += d.toNanos();
            this.now = this.now.plus(d);
        }

        Clock clock() {
            FakeTime self = this;
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return self.now;
                }
            };
        }
    }
}
