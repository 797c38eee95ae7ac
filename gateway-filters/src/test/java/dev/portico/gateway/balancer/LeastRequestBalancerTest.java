package dev.portico.gateway.balancer;

import java.util.List;
import java.util.Map;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayExchange;
import org.junit.jupiter.api.Test;

import static dev.portico.gateway.balancer.Fixtures.NOW;
import static dev.portico.gateway.balancer.Fixtures.endpoints;
import static dev.portico.gateway.balancer.Fixtures.exchange;
import static dev.portico.gateway.balancer.Fixtures.host;
import static dev.portico.gateway.balancer.Fixtures.tally;
import static org.assertj.core.api.Assertions.assertThat;

class LeastRequestBalancerTest {

    @Test
    void busyEndpointGetsNothingWhileOthersAreIdle() {
        List<Endpoint> endpoints = endpoints(1, 1, 1);
        for (int i = 0; i < 50; i++) {
            endpoints.get(1).requestStarted();
        }

        Map<String, Integer> counts = tally(LeastRequestBalancer.create().picker(endpoints, NOW), 1_000);

        assertThat(counts).doesNotContainKey("b");
        assertThat(counts.get("a") + counts.get("c")).isEqualTo(1_000);
    }

    @Test
    void requestsInFlightSettleInProportionToWeight() {
        // every pick starts a request that never ends: the picker keeps (active + 1) / weight level
        List<Endpoint> endpoints = endpoints(3, 1);
        LoadBalancer.Picker picker = LeastRequestBalancer.create().picker(endpoints, NOW);
        GatewayExchange exchange = exchange();

        for (int i = 0; i < 400; i++) {
            picker.pick(exchange, List.of()).requestStarted();
        }

        assertThat(endpoints.get(0).activeRequests()).isBetween(298, 302);
        assertThat(endpoints.get(1).activeRequests()).isBetween(98, 102);
    }

    @Test
    void idleEndpointsShareRequestsEvenly() {
        Map<String, Integer> counts = tally(LeastRequestBalancer.create().picker(endpoints(1, 1, 1, 1), NOW), 8_000);

        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(1_600, 2_400));
    }

    @Test
    void excludedEndpointIsNeverPicked() {
        List<Endpoint> endpoints = endpoints(1, 1, 1);
        LoadBalancer.Picker picker = LeastRequestBalancer.create().picker(endpoints, NOW);
        endpoints.get(2).requestStarted(); // the only candidate left besides a is busier: exclusion must still hold

        for (int i = 0; i < 500; i++) {
            assertThat(host(picker.pick(exchange(), List.of(endpoints.get(0))))).isIn("b", "c");
            assertThat(host(picker.pick(exchange(), List.of(endpoints.get(0), endpoints.get(1))))).isEqualTo("c");
        }
    }

    @Test
    void whenEveryEndpointWasTriedOneIsStillReturned() {
        List<Endpoint> endpoints = endpoints(1, 1);

        assertThat(LeastRequestBalancer.create().picker(endpoints, NOW).pick(exchange(), endpoints)).isIn(endpoints);
    }

    @Test
    void singleEndpointIsPicked() {
        List<Endpoint> endpoints = endpoints(1);

        assertThat(LeastRequestBalancer.create().picker(endpoints, NOW).pick(exchange(), List.of()))
                .isSameAs(endpoints.get(0));
    }
}
