package dev.portico.gateway.upstream;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one override rule: route over upstream over the engine's defaults, field by field. */
class TrafficPolicyTest {

    private final RetryPolicy threeAttempts = RetryPolicy.builder().attempts(3).build();

    private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("users");

    /** An upstream that states everything. */
    private final TrafficPolicy upstream = TrafficPolicy.builder()
            .timeouts(Timeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(20)))
            .retry(this.threeAttempts)
            .hedging(new Hedging(Duration.ofMillis(50)))
            .circuitBreaker(this.breaker)
            .build();

    @Test
    void routeSettingOneFieldInheritsTheOthers() {
        TrafficPolicy route = TrafficPolicy.builder().timeouts(Timeouts.of(null, Duration.ofSeconds(2))).build();

        TrafficPolicy effective = route.over(this.upstream);

        assertThat(effective.timeouts()).isEqualTo(
                Timeouts.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(20)));
        assertThat(effective.retry()).isSameAs(this.threeAttempts);
        assertThat(effective.hedging()).isEqualTo(new Hedging(Duration.ofMillis(50)));
        assertThat(effective.circuitBreaker()).isSameAs(this.breaker);
    }

    @Test
    void routeRetryPolicyReplacesTheUpstreamsAsAWhole() {
        RetryPolicy nonIdempotent = RetryPolicy.builder().attempts(2).nonIdempotent(true).build();

        TrafficPolicy effective = TrafficPolicy.builder().retry(nonIdempotent).build().over(this.upstream);

        assertThat(effective.retry()).isSameAs(nonIdempotent);
        assertThat(effective.timeouts()).isEqualTo(this.upstream.timeouts());
    }

    @Test
    void routeSettingNothingIsTheUpstreamsPolicy() {
        assertThat(TrafficPolicy.builder().build()).isSameAs(TrafficPolicy.UNSET);
        assertThat(TrafficPolicy.UNSET.over(this.upstream)).isSameAs(this.upstream);
    }

    @Test
    void upstreamSettingNothingGetsTheEngineDefaults() {
        Upstream bare = Upstream.builder("users").node("http://127.0.0.1:9001").build();

        assertThat(bare.policy()).isEqualTo(TrafficPolicy.DEFAULTS);
        assertThat(bare.timeouts()).isEqualTo(Timeouts.defaults());
        assertThat(bare.retry()).isSameAs(RetryPolicy.none());
        assertThat(bare.hedging()).isNull();
        assertThat(bare.circuitBreaker()).isNull();
        assertThat(TrafficPolicy.UNSET.over(bare.policy())).isEqualTo(TrafficPolicy.DEFAULTS);
    }

    @Test
    void upstreamSettingSomeTimeoutsKeepsTheDefaultForTheOthers() {
        Upstream users = Upstream.builder("users").node("http://127.0.0.1:9001")
                .timeouts(Timeouts.of(Duration.ofMillis(750), null)).build();

        assertThat(users.timeouts()).isEqualTo(Timeouts.of(Duration.ofMillis(750), Timeouts.DEFAULT_RESPONSE));
    }

    @Test
    void builderShorthandsSetThePolicysFields() {
        Upstream users = Upstream.builder("users").node("http://127.0.0.1:9001").retry(this.threeAttempts)
                .circuitBreaker(this.breaker).build();

        assertThat(users.policy()).isEqualTo(TrafficPolicy.DEFAULTS.toBuilder().retry(this.threeAttempts)
                .circuitBreaker(this.breaker).build());
    }

    @Test
    void invalidValuesNameTheirPropertyRelativeToTheSpec() {
        InvalidSpecException ex = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidSpecException.class,
                () -> RetryPolicy.builder().attempts(0).build());

        assertThat(ex.property()).isEqualTo("attempts");
        assertThat(ex.within("retry").property()).isEqualTo("retry.attempts");
        assertThat(ex).hasMessage("attempts: 0 (expected: 1-10, including the first)");
    }
}
