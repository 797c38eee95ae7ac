package dev.portico.gateway.response;

import java.util.List;
import java.util.Map;

import dev.portico.gateway.filter.AttributeKey;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.ResponseFilter;
import dev.portico.gateway.internal.HopByHopHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.HttpConversionUtil;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The one place a response reaches the client: an upstream's response, the local response a filter ended the
 * exchange with, a fallback's fixed response, and problems. Response filters run here and only here: the exchange's
 * added ones first, then the route's compiled ones in reverse declaration order.
 *
 * <p>The client connection is attached to the exchange under a key only this class holds
 * ({@link #attach}), so filters, which see the exchange, cannot write to the client behind the chain's back. An
 * exchange without a connection (a unit test's) gets status and headers applied and completes without writing.
 *
 * <p>One writer per compiled route, holding that route's response filters; it is shared by every request.
 */
public final class ResponseWriter {

    private static final AttributeKey<HttpServerResponse> CONNECTION =
            AttributeKey.of("portico.connection", HttpServerResponse.class);

    private static final ResponseWriter NO_FILTERS = new ResponseWriter(List.of());

    private final ResponseFilter[] filters;

    private ResponseWriter(List<ResponseFilter> filters) {
        this.filters = filters.toArray(ResponseFilter[]::new);
    }

    /** A writer that runs these response filters, in declaration order (they run last declared first). */
    public static ResponseWriter of(List<ResponseFilter> filters) {
        return filters.isEmpty() ? NO_FILTERS : new ResponseWriter(filters);
    }

    /** Gives a new exchange its client connection. Called once, by the server, before the route's chain runs. */
    public static void attach(GatewayExchange exchange, HttpServerResponse response) {
        if (exchange.attr(CONNECTION) != null) {
            throw new IllegalStateException("exchange already has a connection");
        }
        exchange.attr(CONNECTION, response);
    }

    /** Whether the response has started (its headers were sent): after that an error can only abort. */
    public static boolean committed(GatewayExchange exchange) {
        HttpServerResponse response = exchange.attr(CONNECTION);
        return response != null && response.hasSentHeaders();
    }

    private boolean compiled(ResponseFilter filter) {
        for (ResponseFilter f : this.filters) {
            if (f == filter) {
                return true;
            }
        }
        return false;
    }

    /** The route's response filters, in declaration order. */
    public List<ResponseFilter> filters() {
        return List.of(this.filters);
    }

    /**
     * Streams an upstream's response to the client. Headers a filter set before the upstream answered win over the
     * upstream's; hop-by-hop headers and Netty's HTTP/2 conversion headers are removed; response filters run; the
     * body streams with backpressure.
     */
    public Mono<Void> upstream(GatewayExchange exchange, int status, HttpHeaders upstreamHeaders, boolean http2,
            Publisher<ByteBuf> body) {
        HttpHeaders headers = exchange.responseHeaders();
        HttpHeaders preset = headers.isEmpty() ? null : headers.copy();
        headers.set(upstreamHeaders);
        HopByHopHeaders.strip(headers);
        if (http2) {
            // Netty's HTTP/2-to-HTTP/1 conversion adds x-http2-stream-id and friends: not the upstream's
            for (HttpConversionUtil.ExtensionHeaderNames name : HttpConversionUtil.ExtensionHeaderNames.values()) {
                headers.remove(name.text());
            }
        }
        if (preset != null) {
            for (String name : preset.names()) {
                headers.set(name, preset.getAll(name));
            }
        }
        exchange.responseStatus(status);
        applyFilters(exchange);
        HttpServerResponse response = exchange.attr(CONNECTION);
        if (response == null) {
            return Flux.from(body).doOnNext(ByteBuf::release).then();
        }
        return response.status(HttpResponseStatus.valueOf(exchange.responseStatus())).send(body).then();
    }

    /** The local response a filter ended the exchange with ({@link GatewayExchange#respond}): no body. */
    public Mono<Void> local(GatewayExchange exchange) {
        if (committed(exchange)) {
            return Mono.empty();
        }
        applyFilters(exchange);
        HttpHeaders headers = exchange.responseHeaders();
        if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, "0");
        }
        HttpServerResponse response = exchange.attr(CONNECTION);
        if (response == null) {
            return Mono.empty();
        }
        return response.status(HttpResponseStatus.valueOf(exchange.responseStatus())).send().then();
    }

    /** A fixed response (a route's fallback), through the route's response filters. */
    public Mono<Void> fixed(GatewayExchange exchange, int status, String contentType, byte[] body) {
        exchange.responseStatus(status);
        HttpHeaders headers = exchange.responseHeaders();
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        applyFilters(exchange);
        HttpServerResponse response = exchange.attr(CONNECTION);
        if (response == null) {
            return Mono.empty();
        }
        return response.status(HttpResponseStatus.valueOf(exchange.responseStatus()))
                .sendByteArray(Mono.just(body)).then();
    }

    /**
     * The problem for an error that ended the exchange: whatever headers were prepared are dropped (a problem has a
     * fixed shape and skips response filters), the error's own headers (e.g. {@code Retry-After}) are sent.
     */
    public static Mono<Void> problem(GatewayExchange exchange, GatewayException error) {
        HttpServerResponse response = exchange.attr(CONNECTION);
        exchange.responseStatus(error.status());
        if (response == null) {
            return Mono.empty();
        }
        return problem(response, error.status(), error.title(), error.detail(), exchange.rawPath(),
                exchange.routeId(), error.headers(), error.properties());
    }

    /** A problem response on a connection, for requests that have no exchange (malformed or unrouted). */
    public static Mono<Void> problem(HttpServerResponse response, int status, String title, @Nullable String detail,
            @Nullable String instance, @Nullable String routeId, Map<String, String> extraHeaders) {
        return problem(response, status, title, detail, instance, routeId, extraHeaders, Map.of());
    }

    /** A problem response on a connection, with extension members ({@link GatewayException#properties()}). */
    public static Mono<Void> problem(HttpServerResponse response, int status, String title, @Nullable String detail,
            @Nullable String instance, @Nullable String routeId, Map<String, String> extraHeaders,
            Map<String, Object> properties) {
        byte[] body = ProblemResponses.body(status, title, detail, instance, routeId, properties);
        response.responseHeaders().clear();
        response.status(HttpResponseStatus.valueOf(status))
                .header(HttpHeaderNames.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        extraHeaders.forEach(response::header);
        return response.sendByteArray(Mono.just(body)).then();
    }

    private void applyFilters(GatewayExchange exchange) {
        List<ResponseFilter> added = exchange.addedResponseFilters();
        for (int i = added.size() - 1; i >= 0; i--) {
            ResponseFilter filter = added.get(i);
            if (!compiled(filter)) { // a compiled filter whose own filter() registered it too runs once
                filter.applyResponse(exchange);
            }
        }
        ResponseFilter[] filters = this.filters;
        for (int i = filters.length - 1; i >= 0; i--) {
            filters[i].applyResponse(exchange);
        }
    }
}
