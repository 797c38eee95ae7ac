package dev.portico.gateway.balancer;

import java.time.Duration;

import dev.portico.gateway.upstream.HashKey;
import dev.portico.gateway.upstream.LoadBalancerSpec.Policy;
import dev.portico.gateway.upstream.LoadBalancerSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoadBalancerSpecTest {

    @Test
    void defaultIsRoundRobinWithoutSlowStart() {
        assertThat(LoadBalancerSpec.DEFAULT.policy()).isEqualTo(Policy.ROUND_ROBIN);
        assertThat(LoadBalancerSpec.DEFAULT.slowStart()).isZero();
        assertThat(LoadBalancers.create(LoadBalancerSpec.DEFAULT)).isInstanceOf(RoundRobinBalancer.class);
        assertThat(LoadBalancerSpec.parse(null, null, null)).isEqualTo(LoadBalancerSpec.DEFAULT);
    }

    @Test
    void createsTheBalancerOfEachPolicy() {
        assertThat(LoadBalancers.create(LoadBalancerSpec.of(Policy.LEAST_REQUEST))).isInstanceOf(LeastRequestBalancer.class);
        assertThat(LoadBalancers.create(LoadBalancerSpec.of(Policy.EWMA))).isInstanceOf(EwmaBalancer.class);
        assertThat(LoadBalancers.create(LoadBalancerSpec.consistentHash(HashKey.cookie("session"))))
                .isInstanceOfSatisfying(ConsistentHashBalancer.class,
                        balancer -> assertThat(balancer.key()).isEqualTo(HashKey.cookie("session")));
    }

    @Test
    void parsesConfigurationText() {
        assertThat(LoadBalancerSpec.parse("least-request", null, Duration.ofSeconds(30)))
                .isEqualTo(LoadBalancerSpec.of(Policy.LEAST_REQUEST).withSlowStart(Duration.ofSeconds(30)));
        assertThat(LoadBalancerSpec.parse("CONSISTENT_HASH", "header:X-User", null))
                .isEqualTo(LoadBalancerSpec.consistentHash(HashKey.header("X-User")));
        assertThat(Policy.parse("Ewma")).isEqualTo(Policy.EWMA);
        assertThat(Policy.CONSISTENT_HASH.configName()).isEqualTo("consistent-hash");
    }

    @Test
    void consistentHashRequiresAHashKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoadBalancerSpec.of(Policy.CONSISTENT_HASH))
                .withMessage("hash-key: required for consistent-hash "
                        + "(expected header:<name>, cookie:<name>, client-ip, path or consumer)");
    }

    @Test
    void hashKeyWithAnotherPolicyIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoadBalancerSpec.parse("round-robin", "client-ip", null))
                .withMessage("hash-key: 'client-ip' only applies to consistent-hash (policy is round-robin)");
    }

    @Test
    void slowStartWithConsistentHashIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoadBalancerSpec.consistentHash(HashKey.path()).withSlowStart(Duration.ofSeconds(10)))
                .withMessage("slow-start: PT10S is not supported by consistent-hash "
                        + "(expected 0: ramping weights would move keys at every step)");
    }

    @Test
    void negativeSlowStartIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LoadBalancerSpec.DEFAULT.withSlowStart(Duration.ofMillis(-5)))
                .withMessage("slow-start: PT-0.005S (expected: >= 0, 0 = none)");
    }

    @Test
    void unknownPolicyIsRejectedNamingTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Policy.parse("random"))
                .withMessage("load-balancer: 'random' (expected round-robin, least-request, ewma or consistent-hash)");
    }
}
