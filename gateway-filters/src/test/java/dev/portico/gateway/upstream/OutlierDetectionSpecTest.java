package dev.portico.gateway.upstream;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutlierDetectionSpecTest {

    @Test
    void defaultsEjectAfterFiveFailuresForThirtySecondsUpToFiveMinutesAtMostHalf() {
        OutlierDetectionSpec spec = OutlierDetectionSpec.defaults();
        assertThat(spec.consecutiveFailures()).isEqualTo(5);
        assertThat(spec.baseEjectionTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.maxEjectionTime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(spec.maxEjectionPercent()).isEqualTo(50);
        assertThat(spec.slowStart()).isEqualTo(Duration.ZERO);
    }

    @Test
    void ejectionTimeIsBaseTimesEjectionsCappedAtMax() {
        OutlierDetectionSpec spec = OutlierDetectionSpec.builder().baseEjectionTime(Duration.ofSeconds(30))
                .maxEjectionTime(Duration.ofSeconds(100)).build();
        assertThat(spec.ejectionTime(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.ejectionTime(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.ejectionTime(3)).isEqualTo(Duration.ofSeconds(90));
        assertThat(spec.ejectionTime(4)).isEqualTo(Duration.ofSeconds(100));
        assertThat(spec.ejectionTime(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void sweepIntervalIsTheShorterOfOneSecondAndAQuarterOfTheBaseEjectionTime() {
        assertThat(OutlierDetectionSpec.defaults().sweepInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(OutlierDetectionSpec.builder().baseEjectionTime(Duration.ofMillis(200)).build().sweepInterval())
                .isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void consecutiveFailuresMustBeAtLeastOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutlierDetectionSpec.builder().consecutiveFailures(0).build())
                .withMessage("outlier-detection consecutive-failures: 0 (expected: >= 1)");
    }

    @Test
    void baseEjectionTimeMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutlierDetectionSpec.builder().baseEjectionTime(Duration.ZERO).build())
                .withMessage("outlier-detection base-ejection-time: PT0S (expected: > 0)");
    }

    @Test
    void maxEjectionTimeMustNotBeShorterThanBase() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutlierDetectionSpec.builder().baseEjectionTime(Duration.ofSeconds(30))
                        .maxEjectionTime(Duration.ofSeconds(10)).build())
                .withMessage("outlier-detection max-ejection-time: PT10S (expected: >= base-ejection-time PT30S)");
    }

    @Test
    void maxEjectionPercentMustBeWithinZeroToHundred() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutlierDetectionSpec.builder().maxEjectionPercent(101).build())
                .withMessage("outlier-detection max-ejection-percent: 101 (expected: 0-100)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutlierDetectionSpec.builder().maxEjectionPercent(-1).build())
                .withMessage("outlier-detection max-ejection-percent: -1 (expected: 0-100)");
    }

    @Test
    void slowStartMustNotBeNegative() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutlierDetectionSpec.builder().slowStart(Duration.ofSeconds(-1)).build())
                .withMessage("outlier-detection slow-start: PT-1S (expected: >= 0, 0 turns slow start off)");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        OutlierDetectionSpec spec = OutlierDetectionSpec.builder().consecutiveFailures(3)
                .baseEjectionTime(Duration.ofSeconds(5)).maxEjectionTime(Duration.ofSeconds(50))
                .maxEjectionPercent(100).slowStart(Duration.ofSeconds(10)).build();
        assertThat(spec.toBuilder().build()).isEqualTo(spec).hasSameHashCodeAs(spec);
    }
}
