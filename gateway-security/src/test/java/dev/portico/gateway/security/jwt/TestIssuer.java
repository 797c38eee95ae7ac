package dev.portico.gateway.security.jwt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A token issuer for tests: a real HTTP server on a loopback port 0 serving {@code /jwks} (counting fetches) and
 * signing tokens with Nimbus. Keys can be rotated: {@link #rotate()} publishes a new signing key next to the old.
 */
final class TestIssuer implements AutoCloseable {

    private final List<RSAKey> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final DisposableServer server;

    TestIssuer() {
        this.keys.add(newKey());
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/jwks", (req, res) -> {
                    this.jwksFetches.incrementAndGet();
                    List<JWK> pub = new ArrayList<>();
                    for (RSAKey k : this.keys) {
                        pub.add(k.toPublicJWK());
                    }
                    return res.header("Content-Type", "application/json")
                            .sendString(Mono.just(new JWKSet(pub).toString())).then();
                }))
                .bindNow();
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    String issuer() {
        return "http://127.0.0.1:" + this.server.port() + "/issuer";
    }

    String jwkSetUri() {
        return "http://127.0.0.1:" + this.server.port() + "/jwks";
    }

    int jwksFetches() {
        return this.jwksFetches.get();
    }

    RSAKey signingKey() {
        return this.keys.get(this.keys.size() - 1);
    }

    /** Publishes a new key; tokens are signed with it from now on. */
    RSAKey rotate() {
        RSAKey key = newKey();
        this.keys.add(key);
        return key;
    }

    /** A valid token: sub, scope, aud api, iat now, exp in 5 minutes; {@code claims} adjusts it. */
    String token(String sub, String scope, Consumer<JWTClaimsSet.Builder> claims) {
        return sign(signingKey(), claimsBuilder(sub, scope), claims);
    }

    String token(String sub, String scope) {
        return token(sub, scope, c -> {
        });
    }

    JWTClaimsSet.Builder claimsBuilder(String sub, String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).subject(sub).audience("api").claim("scope", scope)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String sign(RSAKey key, JWTClaimsSet.Builder builder, Consumer<JWTClaimsSet.Builder> claims) {
        claims.accept(builder);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    builder.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** An issuer over HTTP, as the auto-configuration builds one. */
    JwtIssuer jwtIssuer(String name, JwksRefreshLimiter limiter) {
        return JwtIssuer.remote(name, issuer()).jwkSetUri(jwkSetUri()).audiences(List.of("api")).build(limiter);
    }

    Map<String, Object> publicJwks() {
        List<JWK> pub = new ArrayList<>();
        for (RSAKey k : this.keys) {
            pub.add(k.toPublicJWK());
        }
        return new JWKSet(pub).toJSONObject();
    }

    @Override
    public void close() {
        this.server.disposeNow();
    }
}
