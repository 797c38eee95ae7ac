package dev.portico.gateway.server;

import dev.portico.gateway.route.Route;
import dev.portico.gateway.testing.GatewayServer;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class GatewaySmokeTest {

    @Test
    void proxiesGet() {
        DisposableServer upstream = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> res.header("content-type", "application/json")
                        .sendString(Mono.just("{\"path\":\"" + req.uri() + "\",\"ua\":\"" + req.requestHeaders().get("user-agent") + "\",\"xff\":\"" + req.requestHeaders().get("x-forwarded-for") + "\"}")))
                .bindNow();
        Gateway gateway = Gateway.builder()
                .route(Route.builder("users").match(m -> m.path("/api/users/**")).uri("http://127.0.0.1:" + upstream.port()).build())
                .build();
        try (GatewayServer server = GatewayServer.start(gateway)) {
            String body = server.client().get().uri("/api/users/1?x=%20y").responseContent().aggregate().asString().block();
            System.out.println(body);
            assertThat(body).contains("/api/users/1?x=%20y");
            var resp = server.client().get().uri("/nope").responseSingle((r, b) -> b.asString().map(s -> r.status().code() + " " + r.responseHeaders().get("content-type") + " " + s)).block();
            System.out.println(resp);
        }
        finally {
            upstream.disposeNow();
        }
    }
}
