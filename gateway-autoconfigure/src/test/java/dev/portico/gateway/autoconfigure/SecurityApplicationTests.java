package dev.portico.gateway.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.security.consumer.ApiKey;
import dev.portico.gateway.security.consumer.ConsumerCredentials;
import dev.portico.gateway.security.consumer.ConsumerStore;
import dev.portico.gateway.security.consumer.InMemoryConsumerStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A Boot application on port 0 whose routes name the security filters in YAML form ({@code key-auth},
 * {@code consumer-restriction}) against the application's own {@link ConsumerStore} bean.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = SecurityApplicationTests.App.class)
class SecurityApplicationTests {

    @RegisterExtension
    static final WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("portico.routes[0].id", () -> "reports");
        registry.add("portico.routes[0].match.path", () -> "/reports/**");
        registry.add("portico.routes[0].uri", () -> "http://127.0.0.1:" + upstream.getPort());
        registry.add("portico.routes[0].filters[0].consumer-restriction.allow-groups[0]", () -> "internal");
        registry.add("portico.routes[0].filters[1].key-auth.headers[0]", () -> "X-API-Key");
        registry.add("portico.routes[0].filters[1].key-auth.headers[1]", () -> "apikey");
    }

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
    }

    @Test
    void aValidKeyIsProxiedWithTheConsumerAndWithoutTheKey() {
        upstream.stubFor(get("/reports/1").willReturn(aResponse().withBody("ok")));
        client().get().uri("/reports/1").header("apikey", "key-2026").header("X-Consumer-Id", "admin").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("ok");
        upstream.verify(getRequestedFor(urlEqualTo("/reports/1"))
                .withHeader("X-Consumer-Id", equalTo("reports"))
                .withHeader("apikey", absent())
                .withHeader("X-API-Key", absent()));
    }

    @Test
    void unknownKeysAndForbiddenConsumersNeverReachTheUpstream() {
        client().get().uri("/reports/2").header("X-API-Key", "guess").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "ApiKey realm=\"portico\"")
                .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.route").isEqualTo("reports");
        client().get().uri("/reports/2").header("X-API-Key", "partner-key").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.status").isEqualTo(403);
        upstream.verify(0, getRequestedFor(urlEqualTo("/reports/2")));
    }

    @SpringBootApplication
    static class App {

        @Bean
        ConsumerStore consumerStore() {
            return InMemoryConsumerStore.of(List.of(
                    ConsumerCredentials.builder(new Consumer("reports", Set.of("internal"), Map.of()))
                            .apiKey(ApiKey.of("key-2026")).build(),
                    ConsumerCredentials.builder(new Consumer("partner", Set.of("partners"), Map.of()))
                            .apiKey(ApiKey.of("partner-key")).build()));
        }
    }
}
