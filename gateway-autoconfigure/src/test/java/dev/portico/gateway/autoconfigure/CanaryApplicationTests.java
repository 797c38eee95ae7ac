package dev.portico.gateway.autoconfigure;

import java.util.Map;

import dev.portico.gateway.server.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary release configured in properties and driven through the actuator: split, forced canary, a rollout step
 * over HTTP, node health, and a fallback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = CanaryApplicationTests.App.class,
        properties = "management.endpoints.web.exposure.include=portico")
class CanaryApplicationTests {

    static final DisposableServer V1 = serve("v1");
    static final DisposableServer V2 = serve("v2");

    static DisposableServer serve(String version) {
        return HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> res.sendString(Mono.just(version))).bindNow();
    }

    @AfterAll
    static void stop() {
        V1.disposeNow();
        V2.disposeNow();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("portico.upstreams.orders-v1.nodes[0].uri", () -> "http://127.0.0.1:" + V1.port());
        registry.add("portico.upstreams.orders-v2.nodes[0].uri", () -> "http://127.0.0.1:" + V2.port());
        registry.add("portico.routes[0].id", () -> "orders");
        registry.add("portico.routes[0].match.path", () -> "/orders/**");
        registry.add("portico.routes[0].split.targets[0].upstream", () -> "orders-v1");
        registry.add("portico.routes[0].split.targets[0].weight", () -> 90);
        registry.add("portico.routes[0].split.targets[1].upstream", () -> "orders-v2");
        registry.add("portico.routes[0].split.targets[1].weight", () -> 10);
        registry.add("portico.routes[0].split.force[0].header", () -> "X-Canary");
        registry.add("portico.routes[0].split.force[0].value", () -> "always");
        registry.add("portico.routes[0].split.force[0].upstream", () -> "orders-v2");
        registry.add("portico.routes[1].id", () -> "legacy");
        registry.add("portico.routes[1].match.path", () -> "/legacy/**");
        registry.add("portico.routes[1].uri", () -> "http://127.0.0.1:1"); // nothing listens on port 1
        registry.add("portico.routes[1].fallback.status", () -> 200);
        registry.add("portico.routes[1].fallback.body", () -> "{\"legacy\":\"offline\"}");
    }

    @LocalServerPort
    int port;

    @Autowired
    Gateway gateway;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
    }

    private String get(String path) {
        return client().get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
    }

    @Test
    void splitForceRolloutAndHealthThroughTheActuator() {
        int canary = 0;
        for (int i = 0; i < 50; i++) {
            canary += get("/orders/1").equals("v2") ? 1 : 0;
        }
        assertThat(canary).isEqualTo(5);
        client().get().uri("/orders/1").header("X-Canary", "always").exchange()
                .expectBody(String.class).isEqualTo("v2");

        client().post().uri("/actuator/portico/routes/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weights", "orders-v1=50,orders-v2=50")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.split.targets[1].upstream").isEqualTo("orders-v2")
                .jsonPath("$.split.targets[1].weight").isEqualTo(50);
        canary = 0;
        for (int i = 0; i < 50; i++) {
            canary += get("/orders/1").equals("v2") ? 1 : 0;
        }
        assertThat(canary).isEqualTo(25);
        assertThat(this.gateway.routes().get(0).split().weights()).containsEntry("orders-v2", 50);

        client().post().uri("/actuator/portico/routes/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weights", "orders-v9=10")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("orders-v9"));
        assertThat(this.gateway.routes().get(0).split().weights()).containsEntry("orders-v2", 50); // unchanged

        client().get().uri("/actuator/portico/upstreams/orders-v1").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.upstream").isEqualTo("orders-v1")
                .jsonPath("$.endpoints[0].activeHealthy").isEqualTo(true);
    }

    @Test
    void fallbackAnswersForAnUnreachableUpstream() {
        client().get().uri("/legacy/x").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Portico-Fallback", "502")
                .expectBody().json("{\"legacy\":\"offline\"}");
    }

    @SpringBootApplication
    static class App {
    }
}
