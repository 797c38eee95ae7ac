package dev.portico.gateway.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.upstream.HealthCheckSpec;
import dev.portico.gateway.upstream.UpstreamNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ActiveHealthCheckerTest {

    static final Duration INTERVAL = Duration.ofMillis(150);
    static final Duration TIMEOUT = Duration.ofMillis(100);

    /** A real upstream on port 0 whose health endpoint can be switched to another status or to hanging. */
    static final class Target implements AutoCloseable {

        final AtomicInteger status = new AtomicInteger(200);
        final AtomicBoolean hang = new AtomicBoolean();
        final AtomicInteger probes = new AtomicInteger();
        final AtomicReference<String> lastUri = new AtomicReference<>();
        final AtomicReference<String> lastHost = new AtomicReference<>();
        final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            this.probes.incrementAndGet();
            this.lastUri.set(req.uri());
            this.lastHost.set(req.requestHeaders().get(HttpHeaderNames.HOST));
            if (this.hang.get()) {
                return Mono.never();
            }
            return res.status(this.status.get()).sendString(Mono.just("status")).then();
        }).bindNow();

        Endpoint endpoint(int index) {
            return new Endpoint(UpstreamNode.of("http://127.0.0.1:" + this.server.port()), index);
        }

        @Override
        public void close() {
            this.server.disposeNow();
        }
    }

    final Target a = new Target();
    final Target b = new Target();
    final AtomicInteger changes = new AtomicInteger();

    @AfterEach
    void closeTargets() {
        this.a.close();
        this.b.close();
    }

    static HealthCheckSpec.Builder spec() {
        return HealthCheckSpec.builder().interval(INTERVAL).timeout(TIMEOUT).healthyThreshold(2).unhealthyThreshold(2);
    }

    /** (threshold + 2) intervals: the threshold's probes, and two intervals of slack. */
    static Duration within(int threshold) {
        return INTERVAL.multipliedBy(threshold + 2);
    }

    @Test
    void failingNodeTurnsUnhealthyAfterTheThresholdAndHealthyAgainWithARampWhenItRecovers() {
        Endpoint ea = this.a.endpoint(0);
        Endpoint eb = this.b.endpoint(1);
        try (ActiveHealthChecker checker = new ActiveHealthChecker(spec().build(), List.of(ea, eb),
                this.changes::incrementAndGet).start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> this.a.probes.get() >= 1 && this.b.probes.get() >= 1);
            assertThat(ea.activeHealthy()).isTrue();

            this.a.status.set(503);
            await().atMost(within(2)).until(() -> !ea.activeHealthy());
            await().atMost(Duration.ofSeconds(1)).until(() -> this.changes.get() == 1);
            assertThat(eb.activeHealthy()).isTrue();
            assertThat(checker.snapshot()).extracting(EndpointHealth::activeHealthy).containsExactly(false, true);
            assertThat(ea.ramping()).isFalse();

            this.a.status.set(204);
            await().atMost(within(2)).until(ea::activeHealthy);
            assertThat(ea.ramping()).as("a returning node ramps up").isTrue();
            await().atMost(Duration.ofSeconds(1)).until(() -> this.changes.get() == 2);
            assertThat(eb.activeHealthy()).isTrue();
        }
    }

    @Test
    void probeStartsImmediatelyNotAfterTheFirstInterval() {
        HealthCheckSpec slow = spec().interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(1)).build();
        try (ActiveHealthChecker checker = new ActiveHealthChecker(slow, List.of(this.a.endpoint(0)), () -> {
        }).start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> this.a.probes.get() == 1);
        }
    }

    @Test
    void hangingProbeFailsByTimeout() {
        this.a.hang.set(true);
        Endpoint ea = this.a.endpoint(0);
        try (ActiveHealthChecker checker = new ActiveHealthChecker(spec().build(), List.of(ea),
                this.changes::incrementAndGet).start()) {
            await().atMost(within(2)).until(() -> !ea.activeHealthy());
            await().atMost(Duration.ofSeconds(1)).until(() -> this.changes.get() == 1);
        }
    }

    @Test
    void closedPortFailsByConnectError() {
        Target gone = new Target();
        Endpoint dead = gone.endpoint(0);
        gone.close();
        try (ActiveHealthChecker checker = new ActiveHealthChecker(spec().build(), List.of(dead),
                this.changes::incrementAndGet).start()) {
            await().atMost(within(2)).until(() -> !dead.activeHealthy());
            await().atMost(Duration.ofSeconds(1)).until(() -> this.changes.get() == 1);
        }
    }

    @Test
    void unexpectedStatusIsAFailureEvenWhenItIsA2xx() {
        Endpoint ea = this.a.endpoint(0);
        try (ActiveHealthChecker checker = new ActiveHealthChecker(spec().expectedStatuses("204").build(),
                List.of(ea), this.changes::incrementAndGet).start()) {
            await().atMost(within(2)).until(() -> !ea.activeHealthy());
        }
    }

    @Test
    void probeSendsGetToTheConfiguredPathAndHost() {
        HealthCheckSpec custom = spec().path("/ready?deep=true").host("users.internal").build();
        try (ActiveHealthChecker checker = new ActiveHealthChecker(custom, List.of(this.a.endpoint(0)), () -> {
        }).start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> this.a.probes.get() >= 1);
            assertThat(this.a.lastUri).hasValue("/ready?deep=true");
            assertThat(this.a.lastHost).hasValue("users.internal");
        }
    }

    @Test
    void closeStopsProbing() {
        ActiveHealthChecker checker = new ActiveHealthChecker(spec().build(), List.of(this.a.endpoint(0)), () -> {
        }).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> this.a.probes.get() >= 2);

        checker.close();

        int atClose = this.a.probes.get();
        // one probe may already have been on the wire when close() ran; none may start after
        await().during(INTERVAL.multipliedBy(4)).atMost(INTERVAL.multipliedBy(8))
                .until(() -> this.a.probes.get() <= atClose + 1);
    }
}
