package dev.portico.gateway.server;

import java.nio.charset.StandardCharsets;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.response.ResponseWriter;
import dev.portico.gateway.route.Fallback;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Wraps a route's terminal: when it fails with a gateway 502, 503 or 504 and nothing was sent yet, answers with the
 * route's {@link Fallback} instead (a fixed response, or one attempt at another upstream). The fixed response goes
 * through the route's response filters like any other.
 */
final class FallbackChain implements GatewayFilterChain {

    static final String HEADER = "X-Portico-Fallback";

    private final GatewayFilterChain primary;
    private final Fallback fallback;
    private final @Nullable GatewayFilterChain alternative;
    private final ResponseWriter writer;
    private final byte[] body;

    FallbackChain(GatewayFilterChain primary, Fallback fallback, @Nullable GatewayFilterChain alternative,
            ResponseWriter writer) {
        this.primary = primary;
        this.fallback = fallback;
        this.alternative = alternative;
        this.writer = writer;
        this.body = fallback.body().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange) {
        return this.primary.filter(exchange).onErrorResume(error -> {
            if (!(error instanceof GatewayException ge) || ge.status() < 502 || ge.status() > 504
                    || ResponseWriter.committed(exchange)) {
                return Mono.error(error);
            }
            exchange.responseHeaders().set(HEADER, Integer.toString(ge.status()));
            if (this.alternative != null) {
                return this.alternative.filter(exchange);
            }
            return this.writer.fixed(exchange, this.fallback.status(), this.fallback.contentType(), this.body);
        });
    }
}
