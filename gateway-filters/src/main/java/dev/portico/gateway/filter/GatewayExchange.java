package dev.portico.gateway.filter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.netty.http.server.HttpServerRequest;

/**
 * One request passing through the gateway: the incoming request as sent, the request that will go upstream (which
 * filters change), the response being prepared and typed per-request attributes.
 *
 * <p>Not thread-safe, and it need not be: an exchange is used by one request on one event loop at a time.
 *
 * <p>Request headers are the incoming header object itself, with hop-by-hop and untrusted forwarding headers already
 * removed: what filters change there is what the upstream receives (no copy per request).
 *
 * <p>What a filter can do is what this class offers: change the outgoing request, end the exchange with a local
 * response ({@link #respond}) or an error, register a {@link ResponseFilter} for the response. It cannot reach the
 * client connection, and it cannot re-route: the route is decided once, before the chain runs
 * ({@link #routed}).
 */
public final class GatewayExchange implements RequestView {

    private static final Object[] NO_ATTRIBUTES = new Object[0];

    private final HttpMethod method;
    private final String rawPath;
    private final @Nullable String rawQuery;
    private final String matchPath;
    private final HttpHeaders requestHeaders;
    private final @Nullable InetSocketAddress remoteAddress;
    private final String scheme;
    private final long startNanos;
    private final @Nullable HttpServerRequest serverRequest;
    private final HttpHeaders responseHeaders;
    private final boolean bodyDeclared;

    private @Nullable InetAddress clientAddress;
    private @Nullable String routeId;
    private Map<String, String> routeMetadata = Map.of();
    private RouteVariables routeVariables = RouteVariables.NONE;
    private @Nullable Map<String, String> uriVariables;
    private @Nullable List<ResponseFilter> addedResponseFilters;
    private String upstreamPath;
    private @Nullable String upstreamQuery;
    private @Nullable Publisher<ByteBuf> requestBody;
    private long maxRequestBodyBytes = -1;
    private boolean preserveHost;
    private int status;
    private boolean responded;
    private Object[] attributes = NO_ATTRIBUTES;

    private GatewayExchange(HttpMethod method, String uri, HttpHeaders requestHeaders,
            @Nullable InetSocketAddress remoteAddress, String scheme, @Nullable HttpServerRequest serverRequest,
            HttpHeaders responseHeaders) {
        this.method = method;
        int q = uri.indexOf('?');
        this.rawPath = q < 0 ? uri : uri.substring(0, q);
        this.rawQuery = q < 0 ? null : uri.substring(q + 1);
        this.matchPath = RequestPaths.matchPath(this.rawPath);
        this.requestHeaders = requestHeaders;
        // decided before hop-by-hop headers (Transfer-Encoding) are removed
        String length = requestHeaders.get(HttpHeaderNames.CONTENT_LENGTH);
        this.bodyDeclared = length != null ? !length.equals("0") : requestHeaders.contains(HttpHeaderNames.TRANSFER_ENCODING);
        this.remoteAddress = remoteAddress;
        this.scheme = scheme;
        this.serverRequest = serverRequest;
        this.responseHeaders = responseHeaders;
        this.upstreamPath = this.rawPath;
        this.upstreamQuery = this.rawQuery;
        this.startNanos = System.nanoTime();
    }

    /**
     * An exchange for a request received by a Reactor Netty server; {@code responseHeaders} are the headers of the
     * response being prepared (the server response's own, so that nothing is copied when it is written).
     * @throws GatewayException 400 when the request target is malformed or ambiguous
     */
    public static GatewayExchange of(HttpServerRequest request, HttpHeaders responseHeaders) {
        return new GatewayExchange(request.method(), request.uri(), request.requestHeaders(),
                request.remoteAddress(), request.scheme(), request, responseHeaders);
    }

    /**
     * An exchange with no server behind it, for tests of filters and routing: {@code uri} is the request target
     * ({@code /path?query}).
     */
    public static GatewayExchange of(HttpMethod method, String uri, HttpHeaders headers,
            @Nullable InetSocketAddress remoteAddress) {
        return new GatewayExchange(method, uri, headers, remoteAddress, "http", null, new DefaultHttpHeaders());
    }

    /** Shorthand for {@link #of(HttpMethod, String, HttpHeaders, InetSocketAddress)} with no headers. */
    public static GatewayExchange of(HttpMethod method, String uri) {
        return of(method, uri, new DefaultHttpHeaders(), new InetSocketAddress("127.0.0.1", 40000));
    }

    // ---- the incoming request, as sent

    @Override
    public HttpMethod method() {
        return this.method;
    }

    /** The path as the client sent it, still percent-encoded. */
    @Override
    public String rawPath() {
        return this.rawPath;
    }

    /** The query string as the client sent it (without {@code ?}), or {@code null}. */
    @Override
    public @Nullable String rawQuery() {
        return this.rawQuery;
    }

    /** The path routes match against: percent-decoded except {@code %2F}. */
    @Override
    public String matchPath() {
        return this.matchPath;
    }

    @Override
    public @Nullable InetSocketAddress remoteAddress() {
        return this.remoteAddress;
    }

    /**
     * The client's address as far as the gateway can trust it: the peer's own address, or, when the peer is a
     * trusted proxy ({@code portico.forwarded.trusted-proxies}), the address it reported in
     * {@code X-Forwarded-For} (the right-most entry that is not itself a trusted proxy). A spoofed header from an
     * untrusted peer changes nothing. IP rules, rate limits and access logs read this, never the raw header.
     */
    public @Nullable InetAddress clientAddress() {
        if (this.clientAddress != null) {
            return this.clientAddress;
        }
        return this.remoteAddress == null ? null : this.remoteAddress.getAddress();
    }

    /** Sets the client address that trusted proxies reported; the forwarded-headers policy calls it, once. */
    public void clientAddress(InetAddress address) {
        if (this.clientAddress != null) {
            throw new IllegalStateException("client address already resolved to " + this.clientAddress);
        }
        this.clientAddress = Objects.requireNonNull(address, "address");
    }

    /** {@code http} or {@code https}, as the connection to the gateway. */
    public String scheme() {
        return this.scheme;
    }

    /** The request's host name without port, lower case, or {@code ""} when absent. */
    @Override
    public String host() {
        String host = this.requestHeaders.get(HttpHeaderNames.HOST);
        if (host == null) {
            return "";
        }
        int end = host.length();
        if (host.startsWith("[")) {
            int bracket = host.indexOf(']');
            end = bracket < 0 ? end : bracket + 1;
        }
        else {
            int colon = host.lastIndexOf(':');
            end = colon < 0 ? end : colon;
        }
        String name = host.substring(0, end);
        for (int i = 0; i < name.length(); i++) {
            if (Character.isUpperCase(name.charAt(i))) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    /** Nanotime when the exchange was created. */
    public long startNanos() {
        return this.startNanos;
    }

    // ---- routing

    /** The matched route's id, or {@code null} before routing. */
    public @Nullable String routeId() {
        return this.routeId;
    }

    /**
     * Records the routing decision: the route's id and how to extract its variables. Called once, by the gateway,
     * before the route's chain runs; a second call fails, so no filter can re-route an exchange.
     * @throws IllegalStateException when the exchange was routed already
     */
    public void routed(String routeId, RouteVariables variables) {
        routed(routeId, Map.of(), variables);
    }

    /**
     * Records the routing decision with the route's metadata (an immutable map, shared by every request).
     * @throws IllegalStateException when the exchange was routed already
     */
    public void routed(String routeId, Map<String, String> metadata, RouteVariables variables) {
        if (this.routeId != null) {
            throw new IllegalStateException("exchange already routed to '" + this.routeId + "'");
        }
        this.routeId = Objects.requireNonNull(routeId, "routeId");
        this.routeMetadata = Objects.requireNonNull(metadata, "metadata");
        this.routeVariables = Objects.requireNonNull(variables, "variables");
    }

    /** The matched route's free-form metadata ({@code portico.routes[].metadata}); empty before routing. */
    public Map<String, String> routeMetadata() {
        return this.routeMetadata;
    }

    /**
     * Variables captured by the route's path template ({@code {id}}, raw as sent) and host pattern
     * ({@code {tenant}}), computed on first use.
     */
    public Map<String, String> uriVariables() {
        Map<String, String> vars = this.uriVariables;
        if (vars == null) {
            vars = this.routeVariables.extract(this);
            this.uriVariables = vars;
        }
        return vars;
    }

    // ---- the request that goes upstream

    /**
     * The headers that go upstream: the incoming header object, hop-by-hop headers removed. Change it in place.
     */
    @Override
    public HttpHeaders requestHeaders() {
        return this.requestHeaders;
    }

    /** The path (raw, encoded) sent upstream; starts as {@link #rawPath()}. */
    public String upstreamPath() {
        return this.upstreamPath;
    }

    /**
     * Sets the path sent upstream (raw, encoded). It is checked like a client's path: a {@code .} or {@code ..}
     * segment, a bad escape or a control character assembled from request values is a 400, never forwarded.
     * @throws IllegalArgumentException when the path does not start with {@code /} (a filter's bug)
     * @throws GatewayException 400 when the path is malformed or ambiguous
     */
    public void upstreamPath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("upstream path '" + path + "' must start with '/'");
        }
        if (!this.upstreamPath.endsWith(path)) {
            // a tail of the current path (strip-prefix) consists of its whole segments, already checked
            RequestPaths.matchPath(path);
        }
        this.upstreamPath = path;
    }

    /** The query (raw, without {@code ?}) sent upstream, or {@code null}; starts as {@link #rawQuery()}. */
    public @Nullable String upstreamQuery() {
        return this.upstreamQuery;
    }

    public void upstreamQuery(@Nullable String query) {
        this.upstreamQuery = (query == null || query.isEmpty()) ? null : query;
    }

    /** Whether the upstream receives the client's {@code Host} header instead of its own authority. */
    public boolean preserveHost() {
        return this.preserveHost;
    }

    public void preserveHost(boolean preserveHost) {
        this.preserveHost = preserveHost;
    }

    /** The largest request body allowed, in bytes, or {@code -1} for no limit. */
    public long maxRequestBodyBytes() {
        return this.maxRequestBodyBytes;
    }

    public void maxRequestBodyBytes(long max) {
        this.maxRequestBodyBytes = max;
    }

    /** Whether the request declares a body (a {@code Content-Length} above 0 or chunked transfer coding). */
    public boolean hasRequestBody() {
        return this.requestBody != null || this.bodyDeclared;
    }

    /**
     * The request body as it streams in; buffers are retained for the consumer, which must release them (the proxy
     * does, by writing them). Empty for an exchange without a server.
     */
    public Publisher<ByteBuf> requestBody() {
        if (this.requestBody != null) {
            return this.requestBody;
        }
        return this.serverRequest != null ? this.serverRequest.receive().retain() : Flux.empty();
    }

    /** Replaces the request body sent upstream (a transforming filter); set a matching {@code Content-Length}. */
    public void requestBody(Publisher<ByteBuf> body) {
        this.requestBody = Objects.requireNonNull(body, "body");
    }

    // ---- the response

    /**
     * The response headers being prepared: the upstream's (hop-by-hop removed) once it answered, or the local
     * response's. {@link ResponseFilter}s change them here.
     */
    public HttpHeaders responseHeaders() {
        return this.responseHeaders;
    }

    /** The response status, or 0 before there is one. */
    public int responseStatus() {
        return this.status;
    }

    public void responseStatus(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100-999)");
        }
        this.status = status;
    }

    /**
     * Ends the exchange with a local response of this status (and whatever {@link #responseHeaders()} were set):
     * nothing goes upstream. The chain stops after the current filter.
     */
    public void respond(int status) {
        responseStatus(status);
        this.responded = true;
    }

    /** Whether a filter ended the exchange with {@link #respond(int)}. */
    public boolean isResponded() {
        return this.responded;
    }

    /**
     * Registers a response filter for this exchange alone: it runs when the response is written, before the route's
     * own response filters (it was added from inside the chain, so it is nested inside them). This is what
     * {@link ResponseFilter#filter} does when a response filter is called outside a compiled chain, and what a
     * reactive filter uses to change the response it lets through.
     */
    public void addResponseFilter(ResponseFilter filter) {
        Objects.requireNonNull(filter, "filter");
        if (this.addedResponseFilters == null) {
            this.addedResponseFilters = new ArrayList<>(2);
        }
        this.addedResponseFilters.add(filter);
    }

    /** The response filters registered with {@link #addResponseFilter}, in registration order. */
    public List<ResponseFilter> addedResponseFilters() {
        return this.addedResponseFilters == null ? List.of() : List.copyOf(this.addedResponseFilters);
    }

    // ---- attributes

    @SuppressWarnings("unchecked")
    public <T> @Nullable T attr(AttributeKey<T> key) {
        return key.index < this.attributes.length ? (T) this.attributes[key.index] : null;
    }

    public <T> void attr(AttributeKey<T> key, @Nullable T value) {
        if (key.index >= this.attributes.length) {
            if (value == null) {
                return;
            }
            this.attributes = Arrays.copyOf(this.attributes, Math.max(AttributeKey.count(), key.index + 1));
        }
        this.attributes[key.index] = value;
    }

    @Override
    public String toString() {
        return "GatewayExchange[" + this.method + " " + this.rawPath + (this.routeId != null ? " route=" + this.routeId : "") + "]";
    }
}
