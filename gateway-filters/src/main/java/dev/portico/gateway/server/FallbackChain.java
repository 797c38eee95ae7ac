package dev.portico.gateway.server;

import java.nio.charset.StandardCharsets;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.route.Fallback;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Wraps a route's terminal: when it fails with a gateway 502, 503 or 504 and nothing was sent yet, answers with the
 * route's {@link Fallback} instead (a fixed response, or one attempt at another upstream).
 */
final class FallbackChain implements GatewayFilterChain {

    static final String HEADER = "X-Portico-Fallback";

    private final GatewayFilterChain primary;
    private final Fallback fallback;
    private final @Nullable GatewayFilterChain alternative;
    private final byte[] body;

    FallbackChain(GatewayFilterChain primary, Fallback fallback, @Nullable GatewayFilterChain alternative) {
        this.primary = primary;
        this.fallback = fallback;
        this.alternative = alternative;
        this.body = fallback.body().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange) {
        return this.primary.filter(exchange).onErrorResume(error -> {
            HttpServerResponse response = exchange.serverResponse();
            if (!(error instanceof GatewayException ge) || ge.status() < 502 || ge.status() > 504 || response == null
                    || response.hasSentHeaders()) {
                return Mono.error(error);
            }
            response.responseHeaders().set(HEADER, Integer.toString(ge.status()));
            if (this.alternative != null) {
                return this.alternative.filter(exchange);
            }
            response.status(HttpResponseStatus.valueOf(this.fallback.status()))
                    .header(HttpHeaderNames.CONTENT_TYPE, this.fallback.contentType())
                    .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(this.body.length));
            return response.sendByteArray(Mono.just(this.body)).then();
        });
    }
}
