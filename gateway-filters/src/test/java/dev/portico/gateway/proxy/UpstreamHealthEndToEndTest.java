package dev.portico.gateway.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.gateway.health.EndpointHealth;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.Problems;
import dev.portico.gateway.testing.RawHttp;
import dev.portico.gateway.testing.RecordingUpstream;
import dev.portico.gateway.upstream.HealthCheckSpec;
import dev.portico.gateway.upstream.OutlierDetectionSpec;
import dev.portico.gateway.upstream.Upstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health checking as traffic sees it: nodes leave and rejoin the pool, and what happens when none is left. */
class UpstreamHealthEndToEndTest {

    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void close() {
        this.cleanup.forEach(Runnable::run);
    }

    /** A node named {@code name} whose /health and traffic answer the given statuses. */
    private DisposableServer node(String name, AtomicInteger healthStatus, AtomicInteger trafficStatus) {
        DisposableServer server = RecordingUpstream.start((req, res) -> req.uri().equals("/health")
                ? res.status(healthStatus.get()).send().then()
                : res.status(trafficStatus.get()).sendString(Mono.just(name)).then());
        this.cleanup.add(server::disposeNow);
        return server;
    }

    private GatewayServer gateway(Upstream upstream) {
        GatewayServer gw = GatewayServer.start(Gateway.builder().upstream(upstream)
                .route(Route.builder("r").match(m -> m.path("/**")).upstream(upstream.name()).build()).build());
        this.cleanup.add(gw::close);
        return gw;
    }

    private static String uri(DisposableServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private static RawHttp.Response get(GatewayServer gw) {
        return RawHttp.send(gw.port(), "GET /x HTTP/1.1\r\nHost: gw");
    }

    private static boolean allFrom(GatewayServer gw, String node, int requests) {
        for (int i = 0; i < requests; i++) {
            if (!get(gw).body().equals(node)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void nodeFailingItsActiveCheckStopsReceivingTrafficWithinTwoIntervalsAndReturnsAfterTheHealthyThreshold() {
        AtomicInteger aHealth = new AtomicInteger(200);
        AtomicInteger bHealth = new AtomicInteger(200);
        AtomicInteger ok = new AtomicInteger(200);
        DisposableServer a = node("a", aHealth, ok);
        DisposableServer b = node("b", bHealth, ok);
        Duration interval = Duration.ofMillis(200);
        HealthCheckSpec check = HealthCheckSpec.builder().interval(interval).timeout(Duration.ofMillis(100))
                .unhealthyThreshold(1).healthyThreshold(2).build();
        GatewayServer gw = gateway(Upstream.builder("svc").node(uri(a)).node(uri(b)).healthCheck(check).build());
        assertThat(List.of(get(gw).body(), get(gw).body())).containsExactlyInAnyOrder("a", "b");

        bHealth.set(503);
        await().atMost(interval.multipliedBy(2)).until(() -> allFrom(gw, "a", 4));
        assertThat(gw.gateway().upstreamHealth().get(0).available()).isEqualTo(1);

        bHealth.set(200); // two successful probes bring it back
        await().atMost(interval.multipliedBy(4)).until(() -> get(gw).body().equals("b"));
    }

    @Test
    void nodeIsEjectedAfterConsecutive5xxAndReturnsAfterTheEjectionTime() {
        AtomicInteger healthy = new AtomicInteger(200);
        AtomicInteger bTraffic = new AtomicInteger(500);
        DisposableServer a = node("a", healthy, healthy);
        DisposableServer b = node("b", healthy, bTraffic);
        OutlierDetectionSpec outliers = OutlierDetectionSpec.builder().consecutiveFailures(3)
                .baseEjectionTime(Duration.ofMillis(500)).maxEjectionPercent(50).build();
        GatewayServer gw = gateway(Upstream.builder("svc").node(uri(a)).node(uri(b)).outlierDetection(outliers).build());
        int fromB = 0;
        for (int i = 0; i < 6; i++) { // round-robin: b answers 500 three times, then is ejected
            RawHttp.Response resp = get(gw);
            fromB += resp.body().equals("b") ? 1 : 0;
        }
        assertThat(fromB).isEqualTo(3);
        EndpointHealth bHealth = gw.gateway().upstreamHealth().get(0).endpoints().get(1);
        assertThat(bHealth.ejected()).isTrue();
        assertThat(allFrom(gw, "a", 6)).isTrue();

        bTraffic.set(200);
        await().atMost(Duration.ofSeconds(3)).until(() -> get(gw).body().equals("b"));
    }

    @Test
    void noAvailableNodeIsAFast503Problem() {
        AtomicInteger down = new AtomicInteger(503);
        AtomicInteger traffic = new AtomicInteger(200);
        DisposableServer a = node("a", down, traffic);
        HealthCheckSpec check = HealthCheckSpec.builder().interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(50))
                .unhealthyThreshold(1).build();
        GatewayServer gw = gateway(Upstream.builder("svc").node(uri(a)).healthCheck(check).build());
        await().atMost(Duration.ofSeconds(2)).until(() -> get(gw).status() == 503);
        RawHttp.Response resp = get(gw);
        assertThat(resp.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Problems.parse(resp.body()).get("detail")).asString().contains("no healthy node of upstream 'svc'");
    }

    @Test
    void panicModeSendsToAllNodesWhenNoneIsAvailable() {
        AtomicInteger down = new AtomicInteger(503);
        AtomicInteger traffic = new AtomicInteger(200);
        DisposableServer a = node("a", down, traffic);
        HealthCheckSpec check = HealthCheckSpec.builder().interval(Duration.ofMillis(100)).timeout(Duration.ofMillis(50))
                .unhealthyThreshold(1).build();
        GatewayServer gw = gateway(Upstream.builder("svc").node(uri(a)).healthCheck(check).panic(true).build());
        await().atMost(Duration.ofSeconds(2)).until(() -> gw.gateway().upstreamHealth().get(0).available() == 0);
        RawHttp.Response resp = get(gw);
        assertThat(resp.status()).isEqualTo(200);
        assertThat(resp.body()).isEqualTo("a");
    }
}
