package dev.portico.gateway.filter.builtin;

import java.net.InetSocketAddress;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.route.Route;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/** In-memory exchanges for filter tests: no server, no route unless asked for. */
final class Exchanges {

    private Exchanges() {
    }

    static GatewayExchange get(String uri) {
        return GatewayExchange.of(HttpMethod.GET, uri);
    }

    static GatewayExchange withHeaders(String uri, HttpHeaders headers) {
        return GatewayExchange.of(HttpMethod.POST, uri, headers, new InetSocketAddress("127.0.0.1", 40000));
    }

    /** A GET routed by a route with this path pattern, so that {@code uriVariables()} holds its {@code {var}}s. */
    static GatewayExchange routed(String pathPattern, String uri) {
        GatewayExchange exchange = get(uri);
        Route routedBy = Route.builder("r").match(m -> m.path(pathPattern)).uri("http://127.0.0.1:1").build();
        exchange.routed(routedBy.id(), routedBy.match().variables());
        return exchange;
    }

    /** A GET to {@code host} routed by a route with a host pattern and a path pattern. */
    static GatewayExchange routed(String hostPattern, String pathPattern, String host, String uri) {
        HttpHeaders headers = new DefaultHttpHeaders().set("host", host);
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, uri, headers, new InetSocketAddress("127.0.0.1", 40000));
        Route routedBy = Route.builder("r").match(m -> m.host(hostPattern).path(pathPattern)).uri("http://127.0.0.1:1").build();
        exchange.routed(routedBy.id(), routedBy.match().variables());
        return exchange;
    }
}
