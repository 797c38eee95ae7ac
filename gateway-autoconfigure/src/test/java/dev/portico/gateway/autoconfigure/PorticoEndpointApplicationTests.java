package dev.portico.gateway.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.filter.builtin.StripPrefixFilter;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.server.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code portico} actuator endpoint of a real WebFlux application: routes as configuration data, a weight change,
 * and problem answers that say what was wrong. Nodes point at port 1: nothing here sends gateway traffic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = PorticoEndpointApplicationTests.App.class,
        properties = {
                "management.endpoints.web.exposure.include=portico",
                "portico.upstreams.orders-v1.nodes[0].uri=http://127.0.0.1:1",
                "portico.upstreams.orders-v2.nodes[0].uri=http://127.0.0.1:1",
                "portico.routes[0].id=orders",
                "portico.routes[0].order=5",
                "portico.routes[0].match.path=/api/orders/**",
                "portico.routes[0].match.hosts[0]=*.example.com",
                "portico.routes[0].match.methods=POST,GET",
                "portico.routes[0].match.headers[0].name=X-Tenant",
                "portico.routes[0].match.headers[0].value=acme",
                "portico.routes[0].match.headers[1].name=X-Trace",
                "portico.routes[0].match.headers[1].regex=[0-9a-f]{16}",
                "portico.routes[0].match.query-params[0].name=debug",
                "portico.routes[0].match.cookies[0].name=session",
                "portico.routes[0].match.remote-addresses[0]=10.0.0.0/8",
                "portico.routes[0].upstream=orders-v1",
                "portico.routes[0].filters[0].strip-prefix=1",
                "portico.routes[0].filters[1].add-request-header.name=X-Source",
                "portico.routes[0].filters[1].add-request-header.value=edge",
                "portico.routes[0].filters[2].tag.value=blue",
                "portico.routes[0].filters[2].tag.ttl=90s",
                "portico.routes[0].filters[3]=preserve-host",
                "portico.routes[0].filters[4].request-size=1MB",
                "portico.routes[0].timeouts.connect=2s",
                "portico.routes[0].timeouts.response=1500ms",
                "portico.routes[0].retry.attempts=3",
                "portico.routes[0].retry.statuses=503,502",
                "portico.routes[0].hedge-delay=50ms",
                "portico.routes[0].circuit-breaker.enabled=true",
                "portico.routes[0].fallback.status=503",
                "portico.routes[0].fallback.body={\"orders\":[]}",
                "portico.routes[0].metadata.team=checkout",
                "portico.routes[1].id=canary",
                "portico.routes[1].match.path-regex=/canary/(?<rest>.*)",
                "portico.routes[1].split.targets[0].upstream=orders-v1",
                "portico.routes[1].split.targets[0].weight=95",
                "portico.routes[1].split.targets[1].upstream=orders-v2",
                "portico.routes[1].split.targets[1].weight=5",
                "portico.routes[1].split.force[0].header=X-Canary",
                "portico.routes[1].split.force[0].value=always",
                "portico.routes[1].split.force[0].upstream=orders-v2",
                "portico.routes[1].split.sticky=header:X-User",
                "portico.routes[1].split.rollback.enabled=true",
                "portico.routes[1].default-filters=false",
                "portico.routes[2].id=legacy",
                "portico.routes[2].match.path=/legacy/**",
                "portico.routes[2].uri=http://127.0.0.1:1" })
@AutoConfigureWebTestClient
class PorticoEndpointApplicationTests {

    @Autowired
    WebTestClient client;

    @Autowired
    Gateway gateway;

    @AfterEach
    void restoreWeights() {
        this.gateway.updateSplit("canary", Map.of("orders-v1", 95, "orders-v2", 5)); // as configured above
    }

    @Test
    void aRouteIsItsConfigurationWithFiltersByNameAndArguments() {
        this.client.get().uri("/actuator/portico/routes/orders").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"id": "orders", "order": 5,
                         "match": {"path": "/api/orders/**", "hosts": ["*.example.com"], "methods": ["GET", "POST"],
                                   "headers": [{"name": "X-Tenant", "value": "acme"},
                                               {"name": "X-Trace", "regex": "[0-9a-f]{16}"}],
                                   "query-params": [{"name": "debug", "present": true}],
                                   "cookies": [{"name": "session", "present": true}],
                                   "remote-addresses": ["10.0.0.0/8"]},
                         "upstream": "orders-v1",
                         "filters": [{"name": "strip-prefix", "args": {"parts": 1}},
                                     {"name": "add-request-header", "args": {"name": "X-Source", "value": "edge"}},
                                     {"name": "tag", "args": {"ttl": "90s", "value": "blue"}},
                                     {"name": "preserve-host", "args": {}},
                                     {"name": "request-size", "args": {"max": "1MB"}}],
                         "default-filters": true,
                         "timeouts": {"connect": "2s", "response": "1500ms"},
                         "retry": {"attempts": 3, "statuses": [502, 503], "on-timeout": true, "on-reset": true,
                                   "on-connect-failure": true, "non-idempotent": false, "backoff": "25ms",
                                   "max-backoff": "250ms", "max-retry-after": "1s", "max-replay-size": "64KB",
                                   "budget-percent": 20, "min-retry-concurrency": 3},
                         "hedge-delay": "50ms",
                         "circuit-breaker": {"enabled": true, "name": "route-orders"},
                         "fallback": {"status": 503, "content-type": "application/json", "body": "{\\"orders\\":[]}"},
                         "metadata": {"team": "checkout"}}
                        """, JsonCompareMode.STRICT);
    }

    @Test
    void aSplitRouteShowsItsTargetsForceRulesStickyKeyAndRollback() {
        this.client.get().uri("/actuator/portico/routes/canary").exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"id": "canary", "order": 0, "match": {"path-regex": "/canary/(?<rest>.*)"},
                         "split": {"targets": [{"upstream": "orders-v1", "weight": 95},
                                               {"upstream": "orders-v2", "weight": 5}],
                                   "force": [{"header": "X-Canary", "value": "always", "upstream": "orders-v2"}],
                                   "sticky": "header:X-User",
                                   "rollback": {"enabled": true, "error-rate": 20, "min-requests": 20, "window": "30s"}},
                         "filters": [], "default-filters": false}
                        """, JsonCompareMode.STRICT);
    }

    @Test
    void routesListEveryRouteInDeclarationOrderWithJavaFiltersByClass() {
        this.client.get().uri("/actuator/portico/routes").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].id").isEqualTo(List.of("orders", "canary", "legacy", "java"))
                .jsonPath("$[2].uri").isEqualTo("http://127.0.0.1:1")
                .jsonPath("$[3].filters[0].name").isEqualTo("StripPrefixFilter")
                .jsonPath("$[3].filters[0].class").isEqualTo(StripPrefixFilter.class.getName())
                .jsonPath("$[3].filters[0].args").doesNotExist()
                .jsonPath("$[3].filters[1].name").isEqualTo("PorticoEndpointApplicationTests$App$$Lambda");
    }

    @Test
    void aWeightChangeAnswersTheRouteWithItsNewWeights() {
        this.client.post().uri("/actuator/portico/routes/canary").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weights", "orders-v1=75, orders-v2=25")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.split.targets[0].upstream").isEqualTo("orders-v1")
                .jsonPath("$.split.targets[0].weight").isEqualTo(75)
                .jsonPath("$.split.targets[1].upstream").isEqualTo("orders-v2")
                .jsonPath("$.split.targets[1].weight").isEqualTo(25);
        this.client.get().uri("/actuator/portico/routes/canary").exchange()
                .expectBody().jsonPath("$.split.targets[*].weight").isEqualTo(List.of(75, 25));
    }

    @Test
    void aBadWeightIsA400ProblemNamingThePair() {
        this.client.post().uri("/actuator/portico/routes/canary").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weights", "orders-v1=abc")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json("""
                        {"type": "about:blank", "title": "Bad Request", "status": 400,
                         "detail": "weights: 'orders-v1=abc' is not a number (expected upstream=weight, comma-separated, e.g. orders-v1=75,orders-v2=25)"}
                        """, JsonCompareMode.STRICT);
        assertThat(this.gateway.routes().get(1).split().weights()).containsEntry("orders-v1", 95); // unchanged
    }

    @Test
    void weightsTheEngineRefusesAre400ProblemsWithItsReason() {
        this.client.post().uri("/actuator/portico/routes/canary").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weights", "orders-v9=10")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("route 'canary': 'orders-v9' is not a target of this "
                        + "split (expected one of [orders-v1, orders-v2])");
        this.client.post().uri("/actuator/portico/routes/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weights", "orders-v1=10")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("route 'orders': route 'orders' has no traffic split");
        this.client.post().uri("/actuator/portico/routes/canary").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("weights: missing (expected upstream=weight"));
    }

    @Test
    void anUnknownRouteIsA404ProblemForGetAndPost() {
        this.client.get().uri("/actuator/portico/routes/nope").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json("""
                        {"type": "about:blank", "title": "Not Found", "status": 404,
                         "detail": "no route 'nope' (expected one of: orders, canary, legacy, java)"}
                        """, JsonCompareMode.STRICT);
        this.client.post().uri("/actuator/portico/routes/nope").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weights", "orders-v1=10")).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("no route 'nope' (expected one of: orders, canary, "
                        + "legacy, java)");
    }

    @Test
    void aClientAcceptingOnlyJsonStillGetsTheProblem() {
        this.client.get().uri("/actuator/portico/routes/nope").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void anUnknownUpstreamOrSectionIsA404Problem() {
        this.client.get().uri("/actuator/portico/upstreams/nope").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("no upstream 'nope' (expected one of: "
                        + "http://127.0.0.1:1, orders-v1, orders-v2)");
        this.client.get().uri("/actuator/portico/nope").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("no section 'nope' (expected one of: routes, upstreams)");
    }

    @Test
    void upstreamsAreStructuredHealth() {
        this.client.get().uri("/actuator/portico/upstreams/orders-v2").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.upstream").isEqualTo("orders-v2")
                .jsonPath("$.available").isEqualTo(1)
                .jsonPath("$.endpoints[0].uri").isEqualTo("http://127.0.0.1:1")
                .jsonPath("$.endpoints[0].weight").isEqualTo(1)
                .jsonPath("$.endpoints[0].activeHealthy").isEqualTo(true)
                .jsonPath("$.endpoints[0].ejected").isEqualTo(false);
        this.client.get().uri("/actuator/portico").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.routes[0].id").isEqualTo("orders")
                .jsonPath("$.upstreams[*].upstream").isEqualTo(List.of("http://127.0.0.1:1", "orders-v1",
                        "orders-v2"));
    }

    @SpringBootApplication
    static class App {

        @Bean
        TagFilterFactory tagFilterFactory() {
            return new TagFilterFactory();
        }

        /** A route built in Java: its filters have no configuration to show. */
        @Bean
        Route javaRoute() {
            return Route.builder("java")
                    .match(m -> m.path("/java/**"))
                    .uri("http://127.0.0.1:1")
                    .filter(StripPrefixFilter.of(1))
                    .filter((InlineFilter) exchange -> exchange.requestHeaders().set("X-Java", "yes"))
                    .build();
        }
    }
}
