package dev.portico.gateway.proxy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pins the adapter to what this Reactor Netty version really throws: an upgrade that moves the shaded pool types
 * fails here, not as a silent 502 where a 503 belongs.
 */
class ReactorNettyErrorsTest {

    @Test
    void recognisesTheErrorOfARealExhaustedPool() {
        DisposableServer hanging = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> Mono.never()).bindNow();
        ConnectionProvider pool = ConnectionProvider.builder("one").maxConnections(1)
                .pendingAcquireTimeout(Duration.ofMillis(100)).build();
        HttpClient client = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + hanging.port());
        Disposable first = client.get().uri("/").response().subscribe(); // holds the only connection
        try {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            // wait until the first request owns the connection, then ask for a second one
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                Throwable error = client.get().uri("/").response().then()
                        .timeout(Duration.ofSeconds(2)).onErrorResume(e -> {
                            failure.set(e);
                            return Mono.empty();
                        }).then(Mono.fromCallable(failure::get)).block();
                return error != null && ReactorNettyErrors.poolExhausted(error);
            });
            assertThat(ReactorNettyErrors.poolExhausted(failure.get())).isTrue();
            assertThat(ProxyErrors.map(failure.get(), "users")).hasMessageContaining("no connection to upstream 'users'");
            assertThat(ReactorNettyErrors.poolExhausted(new java.net.ConnectException("refused"))).isFalse();
        }
        finally {
            first.dispose();
            pool.disposeLater().block(Duration.ofSeconds(5));
            hanging.disposeNow();
        }
    }
}
