package dev.portico.gateway.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A real Boot WebFlux application on port 0 with routes from properties and a real upstream: gateway traffic is
 * proxied, the application's own endpoints still answer, and everything else is a problem response.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = GatewayApplicationTests.TestApplication.class)
class GatewayApplicationTests {

    @RegisterExtension
    static final WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        // one source for the whole list: Boot does not merge indexed lists across property sources
        registry.add("portico.routes[0].id", () -> "users");
        registry.add("portico.routes[0].match.path", () -> "/api/users/**");
        registry.add("portico.routes[0].filters[0].tag", () -> "edge");
        registry.add("portico.routes[0].uri", () -> "http://127.0.0.1:" + upstream.getPort());
    }

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
    }

    @Test
    void proxiesMatchingRequestsThroughTheRouteFilters() {
        upstream.stubFor(get("/api/users/1").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"id\":1}")));
        client().get().uri("/api/users/1").exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"id\":1}");
        upstream.verify(getRequestedFor(urlEqualTo("/api/users/1")).withHeader("X-Tag", equalTo("edge")));
    }

    @Test
    void applicationEndpointsStillAnswer() {
        client().get().uri("/hello").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("hello");
    }

    @Test
    void unmatchedRequestsGetAProblem404() {
        client().get().uri("/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.instance").isEqualTo("/nowhere");
    }

    @Test
    void aControllersOwn404IsLeftAsTheControllerMadeIt() {
        client().get().uri("/users/7").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").doesNotExist().jsonPath("$.path").isEqualTo("/users/7");
    }

    @Test
    void oversizedHeadersGetAProblem431() {
        client().get().uri("/api/users/1").header("X-Big", "x".repeat(20_000)).exchange()
                .expectStatus().isEqualTo(431)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(431);
        upstream.verify(0, getRequestedFor(urlEqualTo("/api/users/1")));
    }

    @SpringBootApplication
    static class TestApplication {

        @Bean
        TagFilterFactory tagFilterFactory() {
            return new TagFilterFactory();
        }

        @RestController
        static class HelloController {

            @GetMapping("/hello")
            String hello() {
                return "hello";
            }

            @GetMapping("/users/{id}")
            String user(@PathVariable String id) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "user " + id + " does not exist");
            }
        }
    }
}
