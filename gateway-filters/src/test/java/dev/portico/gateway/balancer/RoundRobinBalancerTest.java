package dev.portico.gateway.balancer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayExchange;
import org.junit.jupiter.api.Test;

import static dev.portico.gateway.balancer.Fixtures.NOW;
import static dev.portico.gateway.balancer.Fixtures.endpoints;
import static dev.portico.gateway.balancer.Fixtures.exchange;
import static dev.portico.gateway.balancer.Fixtures.host;
import static dev.portico.gateway.balancer.Fixtures.picks;
import static dev.portico.gateway.balancer.Fixtures.tally;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class RoundRobinBalancerTest {

    @Test
    void weightsFiveOneOneGiveTheSmoothNginxSequence() {
        LoadBalancer.Picker picker = RoundRobinBalancer.create().picker(endpoints(5, 1, 1), NOW, 0);

        assertThat(picks(picker, 14)).containsExactly(
                "a", "a", "b", "a", "c", "a", "a",
                "a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void picksFollowWeightsThreeToOne() {
        Map<String, Integer> counts = tally(RoundRobinBalancer.create().picker(endpoints(3, 1), NOW), 10_000);

        assertThat(counts.get("a")).isCloseTo(7_500, within(200));
        assertThat(counts.get("b")).isCloseTo(2_500, within(200));
    }

    @Test
    void picksFollowWeightsOneOneTwo() {
        Map<String, Integer> counts = tally(RoundRobinBalancer.create().picker(endpoints(1, 1, 2), NOW), 10_000);

        assertThat(counts.get("a")).isCloseTo(2_500, within(200));
        assertThat(counts.get("b")).isCloseTo(2_500, within(200));
        assertThat(counts.get("c")).isCloseTo(5_000, within(200));
    }

    @Test
    void scheduleOfLargeCoprimeWeightsIsScaledDownKeepingEveryEndpoint() {
        // 9,999 : 10,000 : 9,997 share no factor: the exact period would be 29,996 slots
        List<Endpoint> endpoints = endpoints(9_999, 10_000, 9_997, 1);
        Endpoint[] schedule = RoundRobinBalancer.schedule(endpoints.toArray(new Endpoint[0]),
                new double[] { 9_999, 10_000, 9_997, 1 });

        assertThat(schedule.length).isLessThanOrEqualTo(RoundRobinBalancer.MAX_SLOTS + endpoints.size());
        assertThat(slotsOf(schedule, endpoints.get(1))).isCloseTo(schedule.length / 3, within(3));
        assertThat(slotsOf(schedule, endpoints.get(3))).isEqualTo(1);
    }

    static int slotsOf(Endpoint[] schedule, Endpoint endpoint) {
        int slots = 0;
        for (Endpoint scheduled : schedule) {
            slots += scheduled == endpoint ? 1 : 0;
        }
        return slots;
    }

    @Test
    void excludedEndpointsAreSkipped() {
        List<Endpoint> endpoints = endpoints(5, 1, 1);
        LoadBalancer.Picker picker = RoundRobinBalancer.create().picker(endpoints, NOW, 0);
        GatewayExchange exchange = exchange();

        for (int i = 0; i < 100; i++) {
            assertThat(host(picker.pick(exchange, List.of(endpoints.get(0))))).isIn("b", "c");
            assertThat(host(picker.pick(exchange, List.of(endpoints.get(0), endpoints.get(2))))).isEqualTo("b");
        }
    }

    @Test
    void whenEveryEndpointWasTriedTheScheduledOneIsReturned() {
        List<Endpoint> endpoints = endpoints(1, 1);
        LoadBalancer.Picker picker = RoundRobinBalancer.create().picker(endpoints, NOW, 0);

        assertThat(picker.pick(exchange(), endpoints)).isSameAs(endpoints.get(0));
        assertThat(picker.pick(exchange(), endpoints)).isSameAs(endpoints.get(1));
    }

    @Test
    void rampingEndpointGetsAShareProportionalToItsRamp() {
        List<Endpoint> endpoints = endpoints(1, 1);
        long ramp = Duration.ofSeconds(40).toNanos();
        endpoints.get(1).startRamp(NOW);

        // a quarter into the ramp: weights 1 : 0.25
        Map<String, Integer> counts = tally(RoundRobinBalancer.withSlowStart(Duration.ofSeconds(40))
                .picker(endpoints, NOW + ramp / 4), 10_000);

        assertThat(counts.get("b")).isCloseTo(2_000, within(400)).isLessThan(counts.get("a") / 3);
    }

    @Test
    void rampedEndpointGetsItsFullWeightOnceTheWindowHasPassed() {
        List<Endpoint> endpoints = endpoints(1, 1);
        long ramp = Duration.ofSeconds(40).toNanos();
        endpoints.get(1).startRamp(NOW);

        Map<String, Integer> counts = tally(RoundRobinBalancer.withSlowStart(Duration.ofSeconds(40))
                .picker(endpoints, NOW + ramp), 1_000);

        assertThat(counts).containsEntry("a", 500).containsEntry("b", 500);
    }

    @Test
    void withoutSlowStartARampingEndpointGetsItsFullWeight() {
        List<Endpoint> endpoints = endpoints(1, 1);
        endpoints.get(1).startRamp(NOW);

        assertThat(tally(RoundRobinBalancer.create().picker(endpoints, NOW + 1), 1_000))
                .containsEntry("a", 500).containsEntry("b", 500);
    }

    @Test
    void singleEndpointIsAlwaysPickedEvenWhenTried() {
        List<Endpoint> endpoints = endpoints(3);
        LoadBalancer.Picker picker = RoundRobinBalancer.create().picker(endpoints, NOW);

        assertThat(picker.pick(exchange(), endpoints)).isSameAs(endpoints.get(0));
    }

    @Test
    void noEndpointsPickNull() {
        assertThat(RoundRobinBalancer.create().picker(List.of(), NOW).pick(exchange(), List.of())).isNull();
    }

    @Test
    void negativeSlowStartIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> RoundRobinBalancer.withSlowStart(Duration.ofSeconds(-1)))
                .withMessage("slow-start: PT-1S (expected: >= 0, 0 = none)");
    }
}
