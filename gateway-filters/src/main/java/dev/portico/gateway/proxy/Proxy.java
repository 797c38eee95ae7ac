package dev.portico.gateway.proxy;

import java.time.Duration;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.ResponseFilter;
import dev.portico.gateway.upstream.UpstreamNode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The end of every route's chain: sends the exchange's outgoing request to a node of the upstream and streams the
 * response back. Built when the route compiles, with the client, timeout and response filters it will use.
 *
 * <pre>
 *  client ──body──▶ server.receive() ─retain─▶ client.send()  ──▶ upstream
 *  client ◀─body─── server.send()   ◀─retain── client.receive() ◀── upstream
 * </pre>
 *
 * Both directions stream with backpressure: a buffer is read only when the other side can take it, so a 100 MB body
 * needs no more memory than a few buffers. If the client goes away, the server side cancels, which cancels the
 * upstream exchange and closes (not pools) its connection.
 */
public final class Proxy implements GatewayFilterChain {

    private final UpstreamClient upstream;
    private final HttpClient client;
    private final Duration responseTimeout;
    private final ResponseFilter[] responseFilters;

    public Proxy(UpstreamClient upstream, HttpClient client, Duration responseTimeout, ResponseFilter[] responseFilters) {
        this.upstream = upstream;
        this.client = client;
        this.responseTimeout = responseTimeout;
        this.responseFilters = responseFilters;
    }

    public UpstreamClient upstream() {
        return this.upstream;
    }

    public Duration responseTimeout() {
        return this.responseTimeout;
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange) {
        HttpServerResponse response = exchange.serverResponse();
        if (response == null) {
            return Mono.error(new IllegalStateException("exchange has no server response to proxy into"));
        }
        UpstreamNode node = this.upstream.nextNode();
        HttpHeaders headers = exchange.requestHeaders();
        String host = exchange.preserveHost() ? headers.get(HttpHeaderNames.HOST) : null;
        String query = exchange.upstreamQuery();
        String uri = query == null ? node.baseUrl() + exchange.upstreamPath()
                : node.baseUrl() + exchange.upstreamPath() + '?' + query;
        Publisher<ByteBuf> body = null;
        if (exchange.hasRequestBody()) {
            long max = exchange.maxRequestBodyBytes();
            if (max >= 0 && BodyLimit.declaredLength(headers) > max) {
                return Mono.error(BodyLimit.tooLarge(max)); // refused before a byte is read or sent
            }
            body = max < 0 ? exchange.requestBody() : BodyLimit.limit(exchange.requestBody(), max);
        }
        Publisher<ByteBuf> requestBody = body;
        return this.client.request(exchange.method())
                .uri(uri)
                .send((request, outbound) -> {
                    request.headers(headers); // replaces the client's own framing headers
                    if (requestBody != null && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                        // the incoming Transfer-Encoding was hop-by-hop and is gone: without framing the
                        // upstream would read an empty body
                        request.header(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                    }
                    if (host != null) {
                        request.header(HttpHeaderNames.HOST, host);
                    }
                    request.responseTimeout(this.responseTimeout);
                    return requestBody == null ? outbound : outbound.send(requestBody);
                })
                .response((upstreamResponse, content) -> respond(exchange, response, upstreamResponse, content))
                .then()
                .onErrorMap(error -> ProxyErrors.map(error, this.upstream.upstream().name()));
    }

    private Mono<Void> respond(GatewayExchange exchange, HttpServerResponse response,
            HttpClientResponse upstreamResponse, ByteBufFlux content) {
        HttpHeaders headers = response.responseHeaders();
        // headers a filter set before the upstream answered win over the upstream's
        HttpHeaders preset = headers.isEmpty() ? null : headers.copy();
        headers.set(upstreamResponse.responseHeaders());
        HopByHopHeaders.strip(headers);
        if (preset != null) {
            for (String name : preset.names()) {
                headers.set(name, preset.getAll(name));
            }
        }
        exchange.responseStatus(upstreamResponse.status().code());
        applyResponseFilters(exchange, this.responseFilters);
        response.status(HttpResponseStatus.valueOf(exchange.responseStatus()));
        return response.send(content.retain()).then();
    }

    /** Runs response filters, last declared first. */
    public static void applyResponseFilters(GatewayExchange exchange, ResponseFilter[] filters) {
        for (int i = filters.length - 1; i >= 0; i--) {
            filters[i].applyResponse(exchange);
        }
    }
}
