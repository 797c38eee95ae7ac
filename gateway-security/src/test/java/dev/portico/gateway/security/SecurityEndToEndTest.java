package dev.portico.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.security.acl.ConsumerRestrictionFilter;
import dev.portico.gateway.security.basicauth.BasicAuthFilter;
import dev.portico.gateway.security.consumer.ApiKey;
import dev.portico.gateway.security.consumer.BasicAuthCredential;
import dev.portico.gateway.security.consumer.ConsumerCredentials;
import dev.portico.gateway.security.consumer.InMemoryConsumerStore;
import dev.portico.gateway.security.identity.IdentityHeaders;
import dev.portico.gateway.security.identity.IdentityHeadersFilter;
import dev.portico.gateway.security.keyauth.KeyAuthFilter;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.RecordingUpstream.Received;
import dev.portico.gateway.testing.RecordingUpstream;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real gateway on port 0 in front of a real upstream: what reaches the upstream, and what never does, with
 * key-auth, basic-auth (a real bcrypt hash, cost 10), identity headers and consumer-restriction.
 */
class SecurityEndToEndTest {

    static RecordingUpstream upstream;
    static GatewayServer gateway;

    @BeforeAll
    static void start() {
        InMemoryConsumerStore store = InMemoryConsumerStore.of(List.of(
                ConsumerCredentials.builder(new Consumer("reports", Set.of("internal"), Map.of()))
                        .apiKey(ApiKey.ofHash("sha256:" + java.util.HexFormat.of().formatHex(ApiKey.sha256("key-2026"))))
                        .apiKey(ApiKey.of("key-2025", Instant.now().plus(Duration.ofDays(1))))   // rotating out
                        .apiKey(ApiKey.of("key-2024", Instant.now().minusSeconds(1)))            // expired
                        .build(),
                ConsumerCredentials.builder(new Consumer("intern", Set.of("interns"), Map.of()))
                        .apiKey(ApiKey.of("intern-key"))
                        .build(),
                ConsumerCredentials.builder(new Consumer("ops-team", Set.of("ops"), Map.of()))
                        .basicAuth(BasicAuthCredential.of("ops", "{bcrypt}" + new BCryptPasswordEncoder(10).encode("s3cret!")))
                        .build()));
        upstream = RecordingUpstream.start("api");
        gateway = GatewayServer.start(Gateway.builder()
                .globalFilter(IdentityHeadersFilter.of(IdentityHeaders.defaults()))
                .route(Route.builder("reports").match(m -> m.path("/reports/**")).uri(upstream.uri())
                        .filter(KeyAuthFilter.builder(store).header("X-API-Key").queryParameter("apikey").build())
                        .build())
                .route(Route.builder("ops").match(m -> m.path("/ops/**")).uri(upstream.uri())
                        .filter(BasicAuthFilter.builder(store).realm("ops").build())
                        .build())
                .route(Route.builder("admin").match(m -> m.path("/admin/**")).uri(upstream.uri())
                        // declared first, runs after key-auth: the order is the filters' own
                        .filter(ConsumerRestrictionFilter.builder().allowGroups("internal").deny("intern").build())
                        .filter(KeyAuthFilter.of(store))
                        .build())
                .route(Route.builder("public").match(m -> m.path("/public/**")).uri(upstream.uri()).build())
                .build());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    record Resp(int status, HttpHeaders headers, String body) {
    }

    static Resp get(String uri, String... headers) {
        return gateway.client().headers(h -> {
            for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
            }
        }).get().uri(uri).responseSingle((r, body) -> body.asString().defaultIfEmpty("")
                .map(s -> new Resp(r.status().code(), r.responseHeaders(), s))).block(Duration.ofSeconds(10));
    }

    static void assertProblem(Resp resp, int status) {
        assertThat(resp.status()).isEqualTo(status);
        assertThat(resp.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(resp.body()).contains("\"status\":" + status);
    }

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidKeyReachesTheUpstreamWithTheConsumerAndWithoutTheKeyOrSpoofedIdentity() {
        Resp resp = get("/reports/daily", "X-API-Key", "key-2026", "X-Consumer-Id", "admin",
                "X-Consumer-Groups", "admins");
        assertThat(resp.status()).isEqualTo(200);
        Received seen = upstream.take();
        assertThat(seen.uri()).isEqualTo("/reports/daily");
        assertThat(seen.headers().getAll("X-Consumer-Id")).containsExactly("reports");
        assertThat(seen.headers().getAll("X-Consumer-Groups")).containsExactly("internal");
        assertThat(seen.headers().contains("X-API-Key")).isFalse();
    }

    @Test
    void wrongExpiredAndMissingKeysAre401AndNothingReachesTheUpstream() {
        for (Resp resp : List.of(get("/reports/daily", "X-API-Key", "guess"),
                get("/reports/daily", "X-API-Key", "key-2024"),
                get("/reports/daily"),
                get("/reports/daily", "X-Consumer-Id", "reports"))) {
            assertProblem(resp, 401);
            assertThat(resp.headers().get("WWW-Authenticate")).isEqualTo("ApiKey realm=\"portico\"");
        }
        get("/public/marker");
        assertThat(upstream.take().uri()).isEqualTo("/public/marker"); // the first request that got through
    }

    @Test
    void duringRotationTheOldAndTheNewKeyAreBothAccepted() {
        assertThat(get("/reports/a", "X-API-Key", "key-2025").status()).isEqualTo(200);
        assertThat(get("/reports/b", "X-API-Key", "key-2026").status()).isEqualTo(200);
        assertThat(upstream.take().headers().get("X-Consumer-Id")).isEqualTo("reports");
        assertThat(upstream.take().headers().get("X-Consumer-Id")).isEqualTo("reports");
    }

    @Test
    void aKeyInTheQueryIsRemovedBeforeTheRequestGoesUpstream() {
        assertThat(get("/reports/q?day=1&apikey=key-2026").status()).isEqualTo(200);
        assertThat(upstream.take().uri()).isEqualTo("/reports/q?day=1");
    }

    @Test
    void spoofedIdentityHeadersNeverReachTheUpstreamOnAnUnauthenticatedRoute() {
        assertThat(get("/public/x", "X-Consumer-Id", "admin", "x-consumer-groups", "admins").status()).isEqualTo(200);
        Received seen = upstream.take();
        assertThat(seen.headers().contains("X-Consumer-Id")).isFalse();
        assertThat(seen.headers().contains("X-Consumer-Groups")).isFalse();
    }

    @Test
    void basicAuthWithABcryptHash() {
        Resp wrong = get("/ops/deploy", "Authorization", basic("ops:wrong"));
        assertProblem(wrong, 401);
        assertThat(wrong.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"ops\", charset=\"UTF-8\"");
        assertProblem(get("/ops/deploy", "Authorization", "Basic %%%"), 401);
        assertProblem(get("/ops/deploy", "Authorization", basic("nobody:s3cret!")), 401);

        assertThat(get("/ops/deploy", "Authorization", basic("ops:s3cret!"), "X-Consumer-Id", "admin").status())
                .isEqualTo(200);
        Received seen = upstream.take();
        assertThat(seen.uri()).isEqualTo("/ops/deploy");
        assertThat(seen.headers().getAll("X-Consumer-Id")).containsExactly("ops-team");
        assertThat(seen.headers().contains("Authorization")).isFalse();
        assertThat(get("/ops/again", "Authorization", basic("ops:s3cret!")).status()).isEqualTo(200); // cached
        assertThat(upstream.take().uri()).isEqualTo("/ops/again");
    }

    @Test
    void consumerRestrictionAllowsAndDeniesAfterAuthentication() {
        assertProblem(get("/admin/users"), 401);                                   // key-auth ran first
        assertProblem(get("/admin/users", "X-API-Key", "intern-key"), 403);
        assertThat(get("/admin/users", "X-API-Key", "key-2026").status()).isEqualTo(200);
        assertThat(upstream.take().uri()).isEqualTo("/admin/users");
    }
}
