package dev.portico.gateway.observation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.gateway.route.Route;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.RecordingUpstream;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Upstream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real gateway and upstreams: what is observed per request and per attempt, and what metrics come of it. */
class GatewayObservationsEndToEndTest {

    private static int get(GatewayServer gw, String path) {
        return gw.client().get().uri(path).responseSingle((res, body) -> body.then(Mono.just(res.status().code())))
                .block(Duration.ofSeconds(10));
    }

    /** Keeps every stopped observation's context, in stop order. */
    static final class Stopped implements ObservationHandler<Observation.Context> {

        final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(Observation.Context context) {
            this.contexts.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        <C extends Observation.Context> List<C> of(Class<C> type) {
            return this.contexts.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private static String tag(Observation.Context context, String key) {
        return context.getLowCardinalityKeyValue(key).getValue();
    }

    @Test
    void eachRequestAndEachAttemptIsObservedWithConfiguredTagsOnly() {
        Stopped stopped = new Stopped();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(stopped);
        AtomicInteger calls = new AtomicInteger();
        // fails once with 503, then answers: two attempts, one request
        DisposableServer flaky = RecordingUpstream.start((req, res) -> calls.incrementAndGet() == 1
                ? res.status(503).send() : res.sendString(Mono.just("ok")).then());
        try (GatewayServer gw = GatewayServer.start(Gateway.builder()
                .observations(GatewayObservations.of(registry, null, null))
                .upstream(Upstream.builder("orders").node("http://127.0.0.1:" + flaky.port())
                        .retry(RetryPolicy.builder().attempts(2).backoff(Duration.ZERO, Duration.ZERO).build()).build())
                .route(Route.builder("orders").match(m -> m.path("/orders/**")).upstream("orders").build())
                .build())) {
            assertThat(get(gw, "/orders/7")).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> stopped.of(GatewayRequestContext.class).size() == 1);
            GatewayRequestContext request = stopped.of(GatewayRequestContext.class).get(0);
            assertThat(request.getName()).isEqualTo(DefaultGatewayRequestConvention.NAME);
            assertThat(tag(request, "route")).isEqualTo("orders");
            assertThat(tag(request, "method")).isEqualTo("GET");
            assertThat(tag(request, "status")).isEqualTo("2xx");
            assertThat(tag(request, "outcome")).isEqualTo("SUCCESS");
            assertThat(request.getError()).isNull();
            assertThat(request.getHighCardinalityKeyValue("http.path").getValue()).isEqualTo("/orders/7");
            List<String> attempts = stopped.of(UpstreamRequestContext.class).stream()
                    .map(context -> context.attempt() + ":" + tag(context, "status") + ":" + tag(context, "upstream")
                            + ":" + (context.getParentObservation() != null))
                    .toList();
            assertThat(attempts).containsExactly("1:5xx:orders:true", "2:2xx:orders:true");
            assertThat(stopped.of(UpstreamRequestContext.class).get(0).getName())
                    .isEqualTo(DefaultUpstreamRequestConvention.NAME);
        }
        finally {
            flaky.disposeNow();
        }
    }

    @Test
    void aFailedRequestIsTaggedWithItsStatusAndException() {
        Stopped stopped = new Stopped();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(stopped);
        try (GatewayServer gw = GatewayServer.start(Gateway.builder()
                .observations(GatewayObservations.of(registry, null, null))
                .route(Route.builder("down").match(m -> m.path("/down/**")).uri("http://127.0.0.1:9").build())
                .build())) {
            assertThat(get(gw, "/down/1")).isEqualTo(502);
            await().atMost(Duration.ofSeconds(5)).until(() -> stopped.of(GatewayRequestContext.class).size() == 1);
            GatewayRequestContext request = stopped.of(GatewayRequestContext.class).get(0);
            assertThat(tag(request, "status")).isEqualTo("5xx");
            assertThat(tag(request, "outcome")).isEqualTo("SERVER_ERROR");
            assertThat(request.getError()).isInstanceOf(dev.portico.gateway.filter.GatewayException.class);
            UpstreamRequestContext attempt = stopped.of(UpstreamRequestContext.class).get(0);
            assertThat(tag(attempt, "status")).isEqualTo("NONE");
            assertThat(attempt.getError()).isNotNull();
        }
    }

    static final int COUNT = Integer.getInteger("count", 10_000);

    @Test
    void tenThousandDistinctPathsCreateNoNewMeters() {
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        try (RecordingUpstream upstream = RecordingUpstream.start("items");
                GatewayServer gw = GatewayServer.start(Gateway.builder()
                        .observations(GatewayObservations.of(registry, null, null))
                        .route(Route.builder("items").match(m -> m.path("/items/**")).uri(upstream.uri()).build())
                        .build())) {
            assertThat(get(gw, "/items/warm-up")).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> meters.find(DefaultGatewayRequestConvention.NAME).timer() != null
                    && meters.find(DefaultUpstreamRequestConvention.NAME).timer() != null);
            List<String> before = meters.getMeters().stream().map(meter -> meter.getId().toString()).sorted().toList();
            Flux.range(0, COUNT)
                    .flatMap(i -> gw.client().get().uri("/items/" + i + "?q=" + i)
                            .responseSingle((res, body) -> body.then(Mono.just(res.status().code()))), 32)
                    .blockLast(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                    meters.get(DefaultGatewayRequestConvention.NAME).tag("route", "items").timer().count())
                    .isEqualTo(COUNT + 1));
            assertThat(meters.getMeters().stream().map(meter -> meter.getId().toString()).sorted().toList())
                    .isEqualTo(before);
        }
    }

    @Test
    void withoutARegistryNothingIsObserved() {
        assertThat(GatewayObservations.disabled().enabled()).isFalse();
        assertThat(GatewayObservations.of(ObservationRegistry.NOOP, null, null).enabled()).isFalse();
        assertThat(Gateway.builder().route(Route.builder("a").match(m -> m.path("/a")).uri("http://127.0.0.1:9")
                .build()).build().observations().enabled()).isFalse();
    }
}
