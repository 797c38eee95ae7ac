package dev.portico.gateway.observation;

import dev.portico.gateway.filter.GatewayExchange;
import io.micrometer.observation.transport.RequestReplySenderContext;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The observation context of one attempt to an upstream node: a child of the request's. The outgoing request headers
 * are the carrier trace context is written to, so the upstream sees the attempt's span as its parent. Retries and
 * hedged attempts are separate children, numbered from 1.
 */
public final class UpstreamRequestContext extends RequestReplySenderContext<HttpHeaders, Integer> {

    private final GatewayExchange exchange;
    private final String upstream;
    private final String node;
    private final int attempt;
    private int status;
    private boolean cancelled;

    UpstreamRequestContext(GatewayExchange exchange, String upstream, String node, int attempt) {
        super((headers, key, value) -> {
            if (headers != null) {
                headers.set(key, value);
            }
        });
        this.exchange = exchange;
        this.upstream = upstream;
        this.node = node;
        this.attempt = attempt;
        setCarrier(exchange.requestHeaders());
    }

    public GatewayExchange exchange() {
        return this.exchange;
    }

    /** The upstream's name (a route's {@code uri} upstream is named by the URI). */
    public String upstream() {
        return this.upstream;
    }

    /** The node's URI. */
    public String node() {
        return this.node;
    }

    /** 1 for the first attempt, 2 for the first retry or the hedge, … */
    public int attempt() {
        return this.attempt;
    }

    /** The upstream's response status, or 0 when it did not answer. */
    public int status() {
        return this.status;
    }

    /** Whether the attempt was cancelled: it lost a hedge race, or the client went away. */
    public boolean cancelled() {
        return this.cancelled;
    }

    void cancel() {
        this.cancelled = true;
    }

    /** Records the upstream's response status. */
    public void status(int status) {
        this.status = status;
        setResponse(status);
    }
}
