package dev.portico.gateway.upstream;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HealthCheckSpecTest {

    @Test
    void defaultsProbeSlashHealthEveryFiveSecondsExpecting200To399() {
        HealthCheckSpec spec = HealthCheckSpec.defaults();
        assertThat(spec.path()).isEqualTo("/health");
        assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(spec.healthyThreshold()).isEqualTo(2);
        assertThat(spec.unhealthyThreshold()).isEqualTo(3);
        assertThat(spec.host()).isNull();
        assertThat(spec.expects(200)).isTrue();
        assertThat(spec.expects(399)).isTrue();
        assertThat(spec.expects(199)).isFalse();
        assertThat(spec.expects(400)).isFalse();
        assertThat(spec.expects(503)).isFalse();
    }

    @Test
    void expectedStatusesAcceptCodesClassesAndRanges() {
        HealthCheckSpec spec = HealthCheckSpec.builder().expectedStatuses("204", "3xx", "400-404").build();
        assertThat(spec.expects(204)).isTrue();
        assertThat(spec.expects(300)).isTrue();
        assertThat(spec.expects(399)).isTrue();
        assertThat(spec.expects(404)).isTrue();
        assertThat(spec.expects(200)).isFalse();
        assertThat(spec.expects(405)).isFalse();
        assertThat(spec.expects(500)).isFalse();
        assertThat(spec.expectedStatuses()).containsExactly("204", "3xx", "400-404");
    }

    @Test
    void malformedExpectedStatusIsRejectedNamingIt() {
        for (String bad : new String[] { "2xy", "600", "99", "399-200", "ok", "" }) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> HealthCheckSpec.builder().expectedStatuses("200", bad).build())
                    .withMessage("health-check expected-statuses: '" + bad
                            + "' (expected: a code like 200, a class like 2xx, or a range like 200-399, within 100-599)");
        }
    }

    @Test
    void emptyExpectedStatusesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> HealthCheckSpec.builder().expectedStatuses().build())
                .withMessageStartingWith("health-check expected-statuses is empty");
    }

    @Test
    void pathMustStartWithSlash() {
        assertThatIllegalArgumentException().isThrownBy(() -> HealthCheckSpec.builder().path("health").build())
                .withMessage("health-check path: 'health' (expected: starts with '/')");
    }

    @Test
    void pathMustNotContainWhitespace() {
        assertThatIllegalArgumentException().isThrownBy(() -> HealthCheckSpec.builder().path("/he alth").build())
                .withMessageStartingWith("health-check path: '/he alth' contains whitespace");
    }

    @Test
    void timeoutMustBeShorterThanInterval() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HealthCheckSpec.builder().interval(Duration.ofSeconds(2))
                        .timeout(Duration.ofSeconds(2)).build())
                .withMessage("health-check timeout: PT2S (expected: < interval PT2S)");
    }

    @Test
    void intervalAndTimeoutMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> HealthCheckSpec.builder().interval(Duration.ZERO).build())
                .withMessage("health-check interval: PT0S (expected: > 0)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HealthCheckSpec.builder().timeout(Duration.ofMillis(-1)).build())
                .withMessage("health-check timeout: PT-0.001S (expected: > 0)");
    }

    @Test
    void thresholdsMustBeAtLeastOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> HealthCheckSpec.builder().healthyThreshold(0).build())
                .withMessage("health-check healthy-threshold: 0 (expected: >= 1)");
        assertThatIllegalArgumentException().isThrownBy(() -> HealthCheckSpec.builder().unhealthyThreshold(-2).build())
                .withMessage("health-check unhealthy-threshold: -2 (expected: >= 1)");
    }

    @Test
    void blankHostIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> HealthCheckSpec.builder().host(" ").build())
                .withMessageStartingWith("health-check host: ' '");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        HealthCheckSpec spec = HealthCheckSpec.builder().path("/ready").interval(Duration.ofSeconds(3))
                .timeout(Duration.ofMillis(500)).expectedStatuses("2xx").healthyThreshold(1).unhealthyThreshold(4)
                .host("users.internal").build();
        assertThat(spec.toBuilder().build()).isEqualTo(spec).hasSameHashCodeAs(spec);
        assertThat(spec.toBuilder().path("/live").build()).isNotEqualTo(spec);
    }
}
