package dev.portico.gateway.autoconfigure.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real token issuer in the test JVM: Spring Authorization Server (servlet, Tomcat on port 0) with one client
 * ({@code gateway-client}, client_credentials, scopes {@code orders:read} and {@code profile}). Its signing keys are
 * ours, so tests can sign hostile tokens with them and rotate them: {@link #rotate()} publishes a new key, which
 * signs from then on (the old one stays published).
 */
final class AuthorizationServer implements AutoCloseable {

    static final String CLIENT = "gateway-client";
    static final String SECRET = "s3cret";

    /** The keys the issuer publishes, newest first; the newest signs. */
    static final List<RSAKey> KEYS = new CopyOnWriteArrayList<>();

    final ConfigurableApplicationContext context;

    private AuthorizationServer() {
        KEYS.clear();
        KEYS.add(newKey());
        String p = "--spring.security.oauth2.authorizationserver.client.gateway.registration.";
        this.context = new SpringApplicationBuilder(Config.class)
                .web(WebApplicationType.SERVLET)
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--spring.main.web-application-type=servlet",
                        "--spring.autoconfigure.exclude=dev.portico.gateway.autoconfigure.PorticoAutoConfiguration,"
                                + "dev.portico.gateway.autoconfigure.PorticoWebFluxAutoConfiguration,"
                                + "dev.portico.gateway.autoconfigure.PorticoEndpointAutoConfiguration,"
                                + "dev.portico.gateway.autoconfigure.PorticoSecurityAutoConfiguration,"
                                + "dev.portico.gateway.autoconfigure.PorticoJwtAutoConfiguration",
                        p + "client-id=" + CLIENT, p + "client-secret={noop}" + SECRET,
                        p + "client-authentication-methods=client_secret_basic",
                        p + "authorization-grant-types=client_credentials", p + "scopes=orders:read,profile",
                        "--spring.security.oauth2.authorizationserver.client.gateway.token.access-token-time-to-live=5m");
    }

    static AuthorizationServer start() {
        return new AuthorizationServer();
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
        return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
    }

    RSAKey signingKey() {
        return KEYS.get(0);
    }

    RSAKey rotate() {
        RSAKey key = newKey();
        KEYS.add(0, key);
        return key;
    }

    /** A token over HTTP: {@code POST /oauth2/token} with client_credentials. */
    String token(String scope) {
        String basic = Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        String body = HttpClient.create()
                .headers(h -> h.set("Authorization", "Basic " + basic)
                        .set("Content-Type", "application/x-www-form-urlencoded"))
                .post().uri(issuer() + "/oauth2/token")
                .send(ByteBufFlux.fromString(Mono.just("grant_type=client_credentials&scope=" + scope)))
                .responseSingle((res, content) -> content.asString().map(s -> {
                    if (res.status().code() != 200) {
                        throw new IllegalStateException("token endpoint answered " + res.status() + ": " + s);
                    }
                    return s;
                }))
                .block(Duration.ofSeconds(10));
        try {
            return JSONObjectUtils.parse(body).get("access_token").toString();
        }
        catch (java.text.ParseException ex) {
            throw new IllegalStateException(body, ex);
        }
    }

    /** The issuer's public keys as a client sees them, over HTTP. */
    JWKSet jwks() {
        String body = HttpClient.create().get().uri(issuer() + "/oauth2/jwks").responseContent().aggregate()
                .asString().block(Duration.ofSeconds(10));
        try {
            return JWKSet.parse(body);
        }
        catch (java.text.ParseException ex) {
            throw new IllegalStateException(body, ex);
        }
    }

    @Override
    public void close() {
        this.context.close();
    }

    /**
     * The issuer application. Deliberately not a {@code @Configuration}: component scans of the gateway test
     * applications in these packages must not pick it up.
     */
    @EnableAutoConfiguration
    static class Config {

        /** The issuer's keys: ours, so that tests can sign with them and rotate them. */
        @Bean
        JWKSource<SecurityContext> jwkSource() {
            return (selector, context) -> {
                List<JWK> keys = new ArrayList<>(KEYS);
                return selector.select(new JWKSet(keys));
            };
        }

        /** Signs with the newest key (the encoder needs a kid when several keys match). */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> signWithNewestKey() {
            return context -> context.getJwsHeader().keyId(KEYS.get(0).getKeyID());
        }
    }

}
