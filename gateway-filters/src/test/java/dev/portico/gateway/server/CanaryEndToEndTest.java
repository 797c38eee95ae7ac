package dev.portico.gateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.TrafficSplit;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.RawHttp;
import dev.portico.gateway.testing.RecordingUpstream;
import dev.portico.gateway.upstream.Upstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Canary releases on the wire: split, runtime weight changes without failing in-flight requests, rollback. */
class CanaryEndToEndTest {

    private final List<Runnable> cleanup = new ArrayList<>();

    /** Completes to release requests to {@code /slow}. */
    private final Sinks.One<Void> slow = Sinks.one();

    @AfterEach
    void close() {
        this.cleanup.forEach(Runnable::run);
    }

    private DisposableServer version(String name, AtomicInteger status) {
        DisposableServer server = RecordingUpstream.start((req, res) -> req.uri().startsWith("/slow")
                ? this.slow.asMono().then(res.sendString(Mono.just(name)).then())
                : res.status(status.get()).sendString(Mono.just(name)).then());
        this.cleanup.add(server::disposeNow);
        return server;
    }


    private GatewayServer gateway(TrafficSplit split, DisposableServer v1, DisposableServer v2) {
        GatewayServer gw = GatewayServer.start(Gateway.builder()
                .upstream(Upstream.builder("v1").node("http://127.0.0.1:" + v1.port()).build())
                .upstream(Upstream.builder("v2").node("http://127.0.0.1:" + v2.port()).build())
                .route(Route.builder("orders").match(m -> m.path("/**")).split(split).build())
                .build());
        this.cleanup.add(gw::close);
        return gw;
    }

    private static String get(GatewayServer gw, String path) {
        return RawHttp.send(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: gw").body();
    }

    private static int count(GatewayServer gw, String version, int requests) {
        int n = 0;
        for (int i = 0; i < requests; i++) {
            n += get(gw, "/x").equals(version) ? 1 : 0;
        }
        return n;
    }

    @Test
    void splitsByWeightAndAHeaderForcesTheCanary() {
        AtomicInteger ok = new AtomicInteger(200);
        GatewayServer gw = gateway(TrafficSplit.builder().target("v1", 90).target("v2", 10)
                .force(TrafficSplit.Force.header("X-Canary", "always", "v2")).build(), version("v1", ok), version("v2", ok));
        assertThat(count(gw, "v2", 100)).isEqualTo(10);
        assertThat(RawHttp.send(gw.port(), "GET /x HTTP/1.1\r\nHost: gw\r\nX-Canary: always").body()).isEqualTo("v2");
    }

    @Test
    void weightChangeAtRuntimeAppliesToNewRequestsWhileInFlightOnesComplete() throws Exception {
        AtomicInteger ok = new AtomicInteger(200);
        GatewayServer gw = gateway(TrafficSplit.builder().target("v1", 100).target("v2", 0).build(),
                version("v1", ok), version("v2", ok));
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> get(gw, "/slow"));
        await().atMost(Duration.ofSeconds(5)).until(() -> this.slow.currentSubscriberCount() > 0); // it reached v1

        gw.gateway().updateSplit("orders", Map.of("v1", 0, "v2", 100));
        assertThat(count(gw, "v2", 20)).isEqualTo(20);

        this.slow.tryEmitEmpty();
        assertThat(inFlight.get()).isEqualTo("v1"); // finished on the table it started with
        assertThat(gw.gateway().routes().get(0).split().weights()).containsExactly(Map.entry("v1", 0), Map.entry("v2", 100));
    }

    @Test
    void errorSpikeOnTheCanaryRollsTheSplitBack() {
        AtomicInteger ok = new AtomicInteger(200);
        AtomicInteger broken = new AtomicInteger(500);
        GatewayServer gw = gateway(TrafficSplit.builder().target("v1", 50).target("v2", 50)
                .rollback(new TrafficSplit.Rollback(50, 5, Duration.ofSeconds(30))).build(),
                version("v1", ok), version("v2", broken));
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            get(gw, "/x");
            return gw.gateway().routes().get(0).split().weights().get("v2") == 0;
        });
        assertThat(gw.gateway().routes().get(0).split().weights()).containsEntry("v1", 100);
        assertThat(count(gw, "v1", 20)).isEqualTo(20);
    }
}
