package dev.portico.gateway.observation;

import dev.portico.gateway.filter.GatewayExchange;
import io.micrometer.observation.transport.RequestReplyReceiverContext;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The observation context of one request through the gateway: the exchange (route, method, status), with the
 * request headers as the carrier that incoming trace context ({@code traceparent}, B3) is read from.
 */
public final class GatewayRequestContext extends RequestReplyReceiverContext<HttpHeaders, GatewayExchange> {

    private final GatewayExchange exchange;
    private boolean cancelled;

    GatewayRequestContext(GatewayExchange exchange) {
        super((headers, key) -> headers.get(key));
        this.exchange = exchange;
        setCarrier(exchange.requestHeaders());
        setResponse(exchange);
    }

    public GatewayExchange exchange() {
        return this.exchange;
    }

    /** Whether the client went away before the response was complete. */
    public boolean cancelled() {
        return this.cancelled;
    }

    void cancel() {
        this.cancelled = true;
    }
}
