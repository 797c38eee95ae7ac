package dev.portico.samples.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.server.Gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample as a user runs it: the gateway in front of its demo services, every curl of the README. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeGatewayApplicationTests {

    @DynamicPropertySource
    static void demoPorts(DynamicPropertyRegistry registry) {
        // chosen once: a supplier is asked again on every lookup, and services and routes must agree
        int users = freePort();
        int orders = freePort();
        int products = freePort();
        int ordersV2 = freePort();
        registry.add("demo.ports.users", () -> users);
        registry.add("demo.ports.orders", () -> orders);
        registry.add("demo.ports.products", () -> products);
        registry.add("demo.ports.orders-v2", () -> ordersV2);
        int issuer = freePort();
        registry.add("demo.issuer.port", () -> issuer);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Value("${demo.issuer.port}")
    int issuerPort;

    @Autowired
    Gateway gateway;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
    }

    @Test
    void usersRouteStripsThePrefixAndTagsTheRequest() {
        client().get().uri("/api/users/1").exchange()
                .expectStatus().isOk()
                .expectHeader().exists("X-Audit-Id")
                .expectBody()
                .jsonPath("$.service").isEqualTo("users")
                .jsonPath("$.path").isEqualTo("/users/1")
                .jsonPath("$.source").isEqualTo("edge")
                .jsonPath("$.auditId").isNotEmpty()
                .jsonPath("$.data.name").isEqualTo("Ada Lovelace");
    }

    @Test
    void ordersGoThroughTheNamedUpstream() {
        client().get().uri("/api/orders/2").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "portico")
                .expectBody().jsonPath("$.data.title").isEqualTo("1 x monitor");
    }

    @Test
    void ordersSplitSendsOneRequestInTenToTheCanary() {
        // smooth weighted round-robin: 90/10 is exact over every 10 consecutive requests
        assertThat(canaryShare(50)).isEqualTo(5);
    }

    @Test
    void xCanaryAlwaysForcesTheCanary() {
        for (int i = 0; i < 5; i++) {
            client().get().uri("/api/orders/1").header("X-Canary", "always").exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Served-By", "portico")
                    .expectBody().jsonPath("$.version").isEqualTo("v2").jsonPath("$.data.title").isEqualTo("3 x keyboard");
        }
    }

    @Test
    void aRolloutStepThroughTheActuatorMovesTheSplit() {
        try {
            client().post().uri("/actuator/portico/routes/orders").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("weights", "orders=50,orders-v2=50")).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.split.targets[*].upstream").isEqualTo(List.of("orders", "orders-v2"))
                    .jsonPath("$.split.targets[*].weight").isEqualTo(List.of(50, 50));
            assertThat(canaryShare(50)).isEqualTo(25);

            client().post().uri("/actuator/portico/routes/orders").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("weights", "orders=100,orders-v2=0")).exchange()
                    .expectStatus().isOk();
            assertThat(canaryShare(20)).isZero(); // rolled back by hand; X-Canary still reaches v2
            client().get().uri("/api/orders/1").header("X-Canary", "always").exchange()
                    .expectBody().jsonPath("$.version").isEqualTo("v2");
        }
        finally {
            this.gateway.updateSplit("orders", Map.of("orders", 90, "orders-v2", 10)); // as application.yml has it
        }
    }

    @Test
    void upstreamHealthIsOnTheActuator() {
        client().get().uri("/actuator/portico/upstreams").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.upstream == 'orders-v2')].available").isEqualTo(1)
                .jsonPath("$[?(@.upstream == 'orders-v2')].endpoints[0].activeHealthy").isEqualTo(true);
    }

    /** How many of {@code requests} GETs of an order the canary (v2) answered. */
    private int canaryShare(int requests) {
        int canary = 0;
        for (int i = 0; i < requests; i++) {
            String version = client().get().uri("/api/orders/1").exchange()
                    .expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("version").toString();
            assertThat(version).isIn("v1", "v2");
            canary += version.equals("v2") ? 1 : 0;
        }
        return canary;
    }

    @Test
    void productsPathIsRewritten() {
        client().get().uri("/api/products/3").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/products/3").jsonPath("$.data.title").isEqualTo("coffee");
    }

    @Test
    void upstreamErrorsPassThroughUntouched() {
        client().get().uri("/api/users/9").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.data.error").isEqualTo("no users with id 9");
    }

    @Test
    void docsRedirectIsAnsweredByTheGateway() {
        client().get().uri("/docs").exchange()
                .expectStatus().isFound()
                .expectHeader().valueEquals("Location", "https://github.com/");
    }

    @Test
    void unknownPathIsAProblem404() {
        client().get().uri("/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void dotSegmentsAreRejectedBeforeRouting() {
        // sent exactly as written: a URI template would encode the percent signs
        client().get().uri(java.net.URI.create("http://127.0.0.1:" + this.port + "/api/users/%2e%2e/admin")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** As the README: {@code curl -s -X POST 'http://127.0.0.1:9005/token?sub=ada&scope=users:read'}. */
    private String demoToken(String scope) {
        String body = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.issuerPort).build()
                .post().uri(b -> b.path("/token").queryParam("sub", "ada").queryParam("scope", scope).build())
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        int start = body.indexOf("\"access_token\":\"") + 16;
        return body.substring(start, body.indexOf('"', start));
    }

    @Test
    void secureRouteForwardsTheTokensSubject() {
        client().get().uri("/secure/users/1").header("Authorization", "Bearer " + demoToken("users:read"))
                .header("X-User-Id", "mallory")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("users")
                .jsonPath("$.path").isEqualTo("/users/1")
                .jsonPath("$.user").isEqualTo("ada");
    }

    @Test
    void secureRouteWithoutATokenIs401AndWithoutTheScope403() {
        // every body is read: WebTestClient leaves an unread response body unreleased
        client().get().uri("/secure/users/1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.status").isEqualTo(401);
        client().get().uri("/secure/users/1").header("Authorization", "Bearer " + demoToken("profile")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.route").isEqualTo("secure-users");
        client().get().uri("/secure/users/1").header("Authorization", "Bearer not.a.token").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"invalid token\"")
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void reportsRouteTakesTheDemoConsumersApiKeyOnly() {
        client().get().uri("/reports/orders/1").header("X-API-Key", "demo-reports-key").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo("orders").jsonPath("$.path").isEqualTo("/orders/1");
        client().get().uri("/reports/orders/1").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.status").isEqualTo(401);
        client().get().uri("/reports/orders/1").header("X-API-Key", "not-the-key").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.route").isEqualTo("reports");
    }
}
