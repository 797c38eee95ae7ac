package dev.portico.gateway.filter;

import java.net.InetSocketAddress;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * What routing reads of a request: method, paths, host, headers, query and client address. The route table and
 * route conditions take this view, not the exchange, so that they can be evaluated (and tested) on anything that
 * describes a request. {@link GatewayExchange} is one.
 */
public interface RequestView {

    HttpMethod method();

    /** The path as the client sent it, still percent-encoded. */
    String rawPath();

    /** The path routes match against: percent-decoded except {@code %2F} and {@code %25}. */
    String matchPath();

    /** The query string as the client sent it (without {@code ?}), or {@code null}. */
    @Nullable String rawQuery();

    /** The request's host name without port, lower case, or {@code ""} when absent. */
    String host();

    /** The request headers. */
    HttpHeaders requestHeaders();

    /** The address of the peer that sent the request, or {@code null} when unknown. */
    @Nullable InetSocketAddress remoteAddress();
}
