package dev.portico.gateway.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import dev.portico.gateway.route.Fallback;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.RawHttp;
import dev.portico.gateway.testing.RecordingUpstream;
import dev.portico.gateway.upstream.Upstream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;

/** A route's fallback answers when its upstream cannot, and only then. */
class FallbackEndToEndTest {

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static RawHttp.Response get(GatewayServer gw) {
        return RawHttp.send(gw.port(), "GET /items HTTP/1.1\r\nHost: gw");
    }

    @Test
    void fixedResponseReplacesA502AndSaysSo() throws IOException {
        Route route = Route.builder("items").match(m -> m.path("/**")).uri("http://127.0.0.1:" + closedPort())
                .fallback(Fallback.response(200, "application/json", "{\"items\":[]}")).build();
        try (GatewayServer gw = GatewayServer.start(Gateway.builder().route(route).build())) {
            RawHttp.Response resp = get(gw);
            assertThat(resp.status()).isEqualTo(200);
            assertThat(resp.header("Content-Type")).isEqualTo("application/json");
            assertThat(resp.header("X-Portico-Fallback")).isEqualTo("502");
            assertThat(resp.body()).isEqualTo("{\"items\":[]}");
        }
    }

    @Test
    void anotherUpstreamAnswersWhenThePrimaryCannot() throws IOException {
        DisposableServer standBy = RecordingUpstream.start((req, res) -> res.sendString(Mono.just("stand-by")).then());
        try (GatewayServer gw = GatewayServer.start(Gateway.builder()
                .upstream(Upstream.builder("primary").node("http://127.0.0.1:" + closedPort()).build())
                .upstream(Upstream.builder("stand-by").node("http://127.0.0.1:" + standBy.port()).build())
                .route(Route.builder("items").match(m -> m.path("/**")).upstream("primary")
                        .fallback(Fallback.upstream("stand-by")).build())
                .build())) {
            RawHttp.Response resp = get(gw);
            assertThat(resp.status()).isEqualTo(200);
            assertThat(resp.body()).isEqualTo("stand-by");
            assertThat(resp.header("X-Portico-Fallback")).isEqualTo("502");
        }
        finally {
            standBy.disposeNow();
        }
    }

    @Test
    void upstreamErrorResponsesAreNotReplaced() {
        DisposableServer failing = RecordingUpstream.start((req, res) -> res.status(503).sendString(Mono.just("own")).then());
        Route route = Route.builder("items").match(m -> m.path("/**")).uri("http://127.0.0.1:" + failing.port())
                .fallback(Fallback.response(200, "text/plain", "fallback")).build();
        try (GatewayServer gw = GatewayServer.start(Gateway.builder().route(route).build())) {
            RawHttp.Response resp = get(gw);
            assertThat(resp.status()).isEqualTo(503);
            assertThat(resp.body()).isEqualTo("own");
            assertThat(resp.header("X-Portico-Fallback")).isNull();
        }
        finally {
            failing.disposeNow();
        }
    }
}
