package dev.portico.samples.edge;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A demo token issuer, so that the sample's JWT route works with no external infrastructure: an RSA key generated
 * at startup, its public half at {@code GET /jwks} and tokens minted at {@code POST /token?sub=ada&scope=a+b} (RS256,
 * iss {@code http://127.0.0.1:<port>}, 15 minutes). A real issuer (Keycloak, Spring Authorization Server, Auth0...)
 * replaces it by changing {@code spring.security.oauth2.resourceserver.jwt.*}: see docs/jwt.md. Never use it beyond
 * a demo: anyone who can reach it gets any token.
 */
@Component
@EnableConfigurationProperties(DemoIssuer.Settings.class)
class DemoIssuer implements SmartLifecycle {

    private final Settings settings;
    private final RSAKey key;
    private @Nullable DisposableServer server;

    DemoIssuer(Settings settings) throws JOSEException {
        this.settings = settings;
        this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }

    @Override
    public void start() {
        this.server = HttpServer.create().host("127.0.0.1").port(this.settings.getPort())
                .route(routes -> routes
                        .get("/jwks", (req, res) -> json(res, 200, new JWKSet(this.key.toPublicJWK()).toString()))
                        .post("/token", this::token))
                .bindNow();
    }

    /** Starts before the gateway takes traffic, so that the decoder finds the keys. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }

    private Mono<Void> token(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String sub = first(query, "sub", "ada");
        String scope = first(query, "scope", "");
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("http://127.0.0.1:" + this.settings.getPort())
                .subject(sub)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(this.key));
            return json(response, 200, "{\"access_token\":\"" + jwt.serialize()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":900,\"scope\":\"" + scope.replace("\"", "") + "\"}");
        }
        catch (JOSEException ex) {
            return json(response, 500, "{\"error\":\"server_error\"}");
        }
    }

    private static String first(QueryStringDecoder query, String name, String otherwise) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
    }

    private static Mono<Void> json(HttpServerResponse response, int status, String body) {
        return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }

    @Override
    public void stop() {
        DisposableServer s = this.server;
        if (s != null) {
            s.disposeNow();
            this.server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.server != null;
    }

    /** Where the demo issuer listens. */
    @ConfigurationProperties("demo.issuer")
    static class Settings {

        /** Port of the demo token issuer. */
        private int port = 9005;

        public int getPort() {
            return this.port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

}
