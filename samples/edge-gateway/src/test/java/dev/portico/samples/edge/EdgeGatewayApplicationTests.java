package dev.portico.samples.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The sample as a user runs it: the gateway in front of its demo services, every curl of the README. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeGatewayApplicationTests {

    @DynamicPropertySource
    static void demoPorts(DynamicPropertyRegistry registry) {
        // chosen once: a supplier is asked again on every lookup, and services and routes must agree
        int users = freePort();
        int orders = freePort();
        int products = freePort();
        registry.add("demo.ports.users", () -> users);
        registry.add("demo.ports.orders", () -> orders);
        registry.add("demo.ports.products", () -> products);
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
}
