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

class EwmaBalancerTest {

    static final long FAST = 2_000_000; // 2 ms
    static final long SLOW = 200_000_000; // 200 ms

    static void answered(Endpoint endpoint, long latencyNanos) {
        endpoint.requestStarted();
        endpoint.requestFinished(latencyNanos);
    }

    @Test
    void slowEndpointGetsFarFewerPicksThanFastOnes() {
        List<Endpoint> endpoints = endpoints(1, 1, 1);
        answered(endpoints.get(0), FAST);
        answered(endpoints.get(1), SLOW);
        answered(endpoints.get(2), FAST);

        Map<String, Integer> counts = tally(EwmaBalancer.create().picker(endpoints, NOW), 1_000);

        assertThat(counts.getOrDefault("b", 0)).isLessThan(10);
    }

    @Test
    void slowEndpointTakesLoadOnlyOnceTheFastOneQueuesLongerThanItsLatency() {
        // every pick starts a request that never ends: 2 ms × (active + 1) overtakes 200 ms at ~100 in flight
        List<Endpoint> endpoints = endpoints(1, 1);
        answered(endpoints.get(0), FAST);
        answered(endpoints.get(1), SLOW);
        LoadBalancer.Picker picker = EwmaBalancer.create().picker(endpoints, NOW);
        GatewayExchange exchange = exchange();

        for (int i = 0; i < 505; i++) {
            picker.pick(exchange, List.of()).requestStarted();
        }

        // (a + 1) × 2 ms ≈ (b + 1) × 200 ms with a + b = 505
        assertThat(endpoints.get(0).activeRequests()).isBetween(498, 502);
        assertThat(endpoints.get(1).activeRequests()).isBetween(3, 7);
    }

    @Test
    void endpointWithoutSamplesIsTriedFirst() {
        List<Endpoint> endpoints = endpoints(1, 1);
        answered(endpoints.get(0), FAST);

        assertThat(host(EwmaBalancer.create().picker(endpoints, NOW).pick(exchange(), List.of()))).isEqualTo("b");
    }

    @Test
    void endpointWithoutSamplesIsNotFloodedWhileItsFirstRequestsAreInFlight() {
        List<Endpoint> endpoints = endpoints(1, 1);
        answered(endpoints.get(0), FAST);
        endpoints.get(1).requestStarted();
        endpoints.get(1).requestStarted();

        assertThat(host(EwmaBalancer.create().picker(endpoints, NOW).pick(exchange(), List.of()))).isEqualTo("a");
    }

    @Test
    void excludedEndpointIsNeverPickedEvenWhenFastest() {
        List<Endpoint> endpoints = endpoints(1, 1, 1);
        answered(endpoints.get(0), FAST);
        answered(endpoints.get(1), SLOW);
        answered(endpoints.get(2), SLOW);
        LoadBalancer.Picker picker = EwmaBalancer.create().picker(endpoints, NOW);

        for (int i = 0; i < 500; i++) {
            assertThat(host(picker.pick(exchange(), List.of(endpoints.get(0))))).isIn("b", "c");
        }
    }

    @Test
    void heavierEndpointOfEqualLatencyWins() {
        List<Endpoint> endpoints = endpoints(1, 4);
        answered(endpoints.get(0), FAST);
        answered(endpoints.get(1), FAST);

        assertThat(tally(EwmaBalancer.create().picker(endpoints, NOW), 100)).containsOnlyKeys("b");
    }
}
