package dev.portico.gateway.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.upstream.OutlierDetectionSpec;
import dev.portico.gateway.upstream.UpstreamNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutlierDetectorTest {

    /** An arbitrary start far from 0, so that "0 = not ejected" is never hit by accident. */
    final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    final AtomicInteger changes = new AtomicInteger();
    final List<Endpoint> endpoints = IntStream.range(0, 4)
            .mapToObj(i -> new Endpoint(UpstreamNode.of("http://node" + i + ":8080"), i))
            .toList();
    final Endpoint a = this.endpoints.get(0);
    final Endpoint b = this.endpoints.get(1);
    final Endpoint c = this.endpoints.get(2);

    OutlierDetector detector(OutlierDetectionSpec spec) {
        return new OutlierDetector(spec, this.endpoints, this.changes::incrementAndGet, this.clock::get);
    }

    static void fail(OutlierDetector detector, Endpoint endpoint, int times) {
        for (int i = 0; i < times; i++) {
            detector.record(endpoint, Outcome.FAILURE);
        }
    }

    void advance(Duration by) {
        this.clock.addAndGet(by.toNanos());
    }

    Duration remaining(Endpoint endpoint) {
        return Duration.ofNanos(endpoint.ejectedUntilNanos() - this.clock.get());
    }

    @Test
    void fiveConsecutiveFailuresEjectForTheBaseEjectionTime() {
        OutlierDetector detector = detector(OutlierDetectionSpec.defaults());
        fail(detector, this.a, 4);
        assertThat(this.a.ejected(this.clock.get())).isFalse();
        assertThat(this.changes).hasValue(0);

        detector.record(this.a, Outcome.FAILURE);

        assertThat(this.a.ejected(this.clock.get())).isTrue();
        assertThat(remaining(this.a)).isEqualTo(Duration.ofSeconds(30));
        assertThat(this.a.ejections()).isEqualTo(1);
        assertThat(this.a.available(this.clock.get())).isFalse();
        assertThat(this.changes).hasValue(1);
        assertThat(this.b.ejected(this.clock.get())).isFalse();
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        OutlierDetector detector = detector(OutlierDetectionSpec.defaults());
        fail(detector, this.a, 4);
        detector.record(this.a, Outcome.SUCCESS);
        assertThat(this.a.consecutiveFailures()).hasValue(0);
        fail(detector, this.a, 4);
        assertThat(this.a.ejected(this.clock.get())).isFalse();
        assertThat(this.changes).hasValue(0);
    }

    @Test
    void fiveHundredsAndAboveAreFailuresEverythingBelowIsSuccess() {
        assertThat(Outcome.ofStatus(500)).isEqualTo(Outcome.FAILURE);
        assertThat(Outcome.ofStatus(503)).isEqualTo(Outcome.FAILURE);
        assertThat(Outcome.ofStatus(599)).isEqualTo(Outcome.FAILURE);
        assertThat(Outcome.ofStatus(200)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.ofStatus(302)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.ofStatus(404)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.ofStatus(429)).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void ejectionTimeGrowsWithEachEjectionAndIsCapped() {
        OutlierDetector detector = detector(OutlierDetectionSpec.builder().consecutiveFailures(2)
                .baseEjectionTime(Duration.ofSeconds(30)).maxEjectionTime(Duration.ofSeconds(70)).build());
        fail(detector, this.a, 2);
        assertThat(remaining(this.a)).isEqualTo(Duration.ofSeconds(30));

        advance(Duration.ofSeconds(30));
        fail(detector, this.a, 2);
        assertThat(remaining(this.a)).isEqualTo(Duration.ofSeconds(60));

        advance(Duration.ofSeconds(60));
        fail(detector, this.a, 2);
        assertThat(remaining(this.a)).isEqualTo(Duration.ofSeconds(70));
        assertThat(this.a.ejections()).isEqualTo(3);
    }

    @Test
    void aRecoveredNodesEjectionCountDecaysOneStepPerBaseEjectionTime() {
        OutlierDetector detector = detector(OutlierDetectionSpec.builder().consecutiveFailures(2)
                .baseEjectionTime(Duration.ofSeconds(30)).maxEjectionTime(Duration.ofSeconds(300)).build());
        fail(detector, this.a, 2);
        advance(Duration.ofSeconds(30));
        fail(detector, this.a, 2); // lazily back, then ejected again: the second ejection lasts 60 s
        assertThat(this.a.ejections()).isEqualTo(2);
        advance(Duration.ofSeconds(60));
        detector.sweep(); // back in the pool
        assertThat(this.a.ejected(this.clock.get())).isFalse();

        advance(Duration.ofSeconds(29));
        detector.sweep();
        assertThat(this.a.ejections()).as("not yet a full period").isEqualTo(2);
        advance(Duration.ofSeconds(1));
        detector.sweep();
        assertThat(this.a.ejections()).isEqualTo(1);
        advance(Duration.ofSeconds(30));
        detector.sweep();
        assertThat(this.a.ejections()).isZero();

        fail(detector, this.a, 2);
        assertThat(remaining(this.a)).as("a fresh first ejection again").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void atFiftyPercentWithTwoOfFourEjectedAThirdIsNotEjected() {
        OutlierDetector detector = detector(OutlierDetectionSpec.builder().maxEjectionPercent(50).build());
        fail(detector, this.a, 5);
        fail(detector, this.b, 5);
        assertThat(this.a.ejected(this.clock.get())).isTrue();
        assertThat(this.b.ejected(this.clock.get())).isTrue();

        fail(detector, this.c, 5);

        assertThat(this.c.ejected(this.clock.get())).isFalse();
        assertThat(this.c.ejections()).isZero();
        assertThat(this.c.consecutiveFailures()).as("the count starts over").hasValue(0);
        assertThat(this.changes).hasValue(2);
    }

    @Test
    void aThirdIsEjectedOnceAnEarlierEjectionHasEnded() {
        OutlierDetector detector = detector(OutlierDetectionSpec.builder().maxEjectionPercent(50).build());
        fail(detector, this.a, 5);
        advance(Duration.ofSeconds(10));
        fail(detector, this.b, 5);
        advance(Duration.ofSeconds(20));
        assertThat(this.a.ejected(this.clock.get())).isFalse();

        fail(detector, this.c, 5);

        assertThat(this.c.ejected(this.clock.get())).isTrue();
    }

    @Test
    void zeroPercentNeverEjects() {
        OutlierDetector detector = detector(OutlierDetectionSpec.builder().maxEjectionPercent(0).build());
        fail(detector, this.a, 50);
        assertThat(this.a.ejections()).isZero();
        assertThat(this.changes).hasValue(0);
    }

    @Test
    void outcomesWhileEjectedAreIgnored() {
        OutlierDetector detector = detector(OutlierDetectionSpec.defaults());
        fail(detector, this.a, 5);
        fail(detector, this.a, 20);
        assertThat(this.a.consecutiveFailures()).hasValue(0);
        assertThat(this.a.ejections()).isEqualTo(1);
        assertThat(remaining(this.a)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void sweepEndsExpiredEjectionsStartsARampAndSignalsOnce() {
        OutlierDetector detector = detector(OutlierDetectionSpec.defaults());
        fail(detector, this.a, 5);
        fail(detector, this.b, 5);
        assertThat(this.changes).hasValue(2);

        advance(Duration.ofSeconds(29));
        assertThat(detector.sweep()).isFalse();
        assertThat(this.a.ejected(this.clock.get())).isTrue();

        advance(Duration.ofSeconds(1));
        assertThat(detector.sweep()).isTrue();

        assertThat(this.a.ejectedUntilNanos()).isZero();
        assertThat(this.b.ejectedUntilNanos()).isZero();
        assertThat(this.a.ramping()).isTrue();
        assertThat(this.b.ramping()).isTrue();
        assertThat(this.a.available(this.clock.get())).isTrue();
        assertThat(this.changes).hasValue(3);
        assertThat(detector.sweep()).isFalse();
    }

    @Test
    void anOutcomeAfterTheEjectionTimeEndsTheEjectionLazily() {
        OutlierDetector detector = detector(OutlierDetectionSpec.defaults());
        fail(detector, this.a, 5);
        advance(Duration.ofSeconds(31));

        detector.record(this.a, Outcome.SUCCESS);

        assertThat(this.a.ejectedUntilNanos()).isZero();
        assertThat(this.a.ramping()).isTrue();
        assertThat(this.changes).hasValue(2);
    }

    @Test
    void aFailureAfterTheEjectionTimeCountsTowardsTheNextEjection() {
        OutlierDetector detector = detector(OutlierDetectionSpec.defaults());
        fail(detector, this.a, 5);
        advance(Duration.ofSeconds(30));

        detector.record(this.a, Outcome.FAILURE);

        assertThat(this.a.ejectedUntilNanos()).isZero();
        assertThat(this.a.consecutiveFailures()).hasValue(1);
    }

    @Test
    void startedDetectorSweepsOnItsOwn() {
        OutlierDetector detector = detector(OutlierDetectionSpec.builder().baseEjectionTime(Duration.ofMillis(40))
                .maxEjectionTime(Duration.ofMillis(40)).build());
        try (detector) {
            detector.start();
            fail(detector, this.a, 5);
            advance(Duration.ofMillis(40)); // the injected clock: the sweep is what runs in real time

            await().atMost(Duration.ofSeconds(5)).until(() -> this.a.ejectedUntilNanos() == 0 && this.a.ramping());
            await().atMost(Duration.ofSeconds(5)).until(() -> this.changes.get() == 2);
        }
    }

    @Test
    void snapshotShowsEjectionAndRemainingTime() {
        OutlierDetector detector = detector(OutlierDetectionSpec.defaults());
        fail(detector, this.a, 5);
        advance(Duration.ofSeconds(10));

        List<EndpointHealth> snapshot = detector.snapshot();

        assertThat(snapshot).hasSize(4);
        EndpointHealth health = snapshot.get(0);
        assertThat(health.uri()).hasToString("http://node0:8080");
        assertThat(health.ejected()).isTrue();
        assertThat(health.ejectedFor()).isEqualTo(Duration.ofSeconds(20));
        assertThat(health.ejections()).isEqualTo(1);
        assertThat(health.available()).isFalse();
        assertThat(snapshot.get(1).ejectedFor()).isNull();
        assertThat(snapshot.get(1).available()).isTrue();
        UpstreamHealth upstream = UpstreamHealth.of("users", this.endpoints, this.clock.get());
        assertThat(upstream.available()).isEqualTo(3);
        long now = this.clock.get();
        assertThat(this.endpoints.stream().filter(e -> e.available(now)).toList()).containsExactly(this.b, this.c,
                this.endpoints.get(3));
    }
}
