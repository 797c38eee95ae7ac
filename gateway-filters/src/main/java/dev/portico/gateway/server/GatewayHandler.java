package dev.portico.gateway.server;

import java.util.Map;
import java.util.function.BiFunction;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.internal.HopByHopHeaders;
import dev.portico.gateway.observation.GatewayObservations;
import dev.portico.gateway.response.ResponseWriter;
import dev.portico.gateway.route.RouteTable;
import io.micrometer.observation.Observation;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The Reactor Netty request handler: one request's path through the gateway.
 *
 * <ol>
 * <li>Build the {@link GatewayExchange} (a malformed or ambiguous path is a 400 here).</li>
 * <li>Look up the route in the current table (one volatile read). No route: the fallback (the rest of the
 * application under Spring Boot, else a 404 problem).</li>
 * <li>Strip hop-by-hop headers, apply the forwarded-headers policy.</li>
 * <li>Run the route's compiled chain; it ends in the {@link dev.portico.gateway.proxy.Proxy}.</li>
 * <li>Any error still uncommitted becomes a problem response; after commit, the connection is aborted.</li>
 * </ol>
 */
public final class GatewayHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    private static final Log logger = LogFactory.getLog(GatewayHandler.class);

    private final Gateway gateway;
    private final BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> fallback;

    /** A handler that answers unmatched requests with a 404 problem. */
    public GatewayHandler(Gateway gateway) {
        this(gateway, GatewayHandler::notFound);
    }

    /** A handler that passes unmatched requests to {@code fallback}. */
    public GatewayHandler(Gateway gateway,
            BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> fallback) {
        this.gateway = gateway;
        this.fallback = fallback;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        if (!request.uri().startsWith("/")) {
            // absolute-form or asterisk-form targets (OPTIONS *) are not gateway traffic
            return this.fallback.apply(request, response);
        }
        GatewayExchange exchange;
        try {
            exchange = GatewayExchange.of(request, response.responseHeaders());
        }
        catch (GatewayException ex) {
            return ResponseWriter.problem(response, ex.status(), ex.title(), ex.detail(), null, null, Map.of());
        }
        RouteTable<CompiledRoute> table = this.gateway.routeTable();
        RouteTable.Entry<CompiledRoute> entry = table.find(exchange);
        if (entry == null) {
            return this.fallback.apply(request, response);
        }
        CompiledRoute route = entry.value();
        exchange.routed(route.route().id(), route.route().metadata(), route.variables());
        ResponseWriter.attach(exchange, response);
        HopByHopHeaders.strip(exchange.requestHeaders());
        // the gateway answers Expect: 100-continue itself when it reads the body
        exchange.requestHeaders().remove(HttpHeaderNames.EXPECT);
        this.gateway.forwardedHeaders().apply(exchange);
        GatewayObservations observations = this.gateway.observations();
        if (!observations.enabled()) {
            return run(route, exchange);
        }
        Observation observation = observations.startRequest(exchange);
        return run(route, exchange)
                .doOnError(observation::error) // failed after the response was committed
                .doFinally(signal -> GatewayObservations.stopRequest(observation, signal == SignalType.CANCEL))
                // the key of Micrometer's ObservationThreadLocalAccessor: users' filters and Reactor Netty see it
                .contextWrite(context -> context.put("micrometer.observation", observation));
    }

    private static Mono<Void> run(CompiledRoute route, GatewayExchange exchange) {
        Mono<Void> result;
        try {
            result = route.chain().filter(exchange);
        }
        catch (Throwable ex) {
            result = Mono.error(ex);
        }
        return result.onErrorResume(error -> handleError(exchange, error));
    }

    private static Mono<Void> handleError(GatewayExchange exchange, Throwable error) {
        if (error instanceof AbortedException) {
            return Mono.empty(); // the client went away: nobody to answer
        }
        if (ResponseWriter.committed(exchange)) {
            if (logger.isDebugEnabled()) {
                logger.debug("route '" + exchange.routeId() + "' failed after the response was committed", error);
            }
            return Mono.error(error); // Reactor Netty closes the connection: the client sees a truncated response
        }
        Observation observation = GatewayObservations.current(exchange);
        if (observation != null) {
            observation.error(error);
        }
        if (error instanceof GatewayException ge) {
            return ResponseWriter.problem(exchange, ge);
        }
        logger.error("route '" + exchange.routeId() + "' failed", error);
        return ResponseWriter.problem(exchange, new GatewayException(500, "Internal Server Error",
                "route '" + exchange.routeId() + "' failed unexpectedly"));
    }

    /** The default fallback: 404 problem. */
    public static Mono<Void> notFound(HttpServerRequest request, HttpServerResponse response) {
        int q = request.uri().indexOf('?');
        String path = q < 0 ? request.uri() : request.uri().substring(0, q);
        return ResponseWriter.problem(response, 404, "Not Found",
                "no route matches " + request.method().name() + " " + path, path, null, Map.of());
    }
}
