package dev.portico.gateway.filter;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.portico.gateway.route.Route;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One request passing through the gateway: the incoming request as sent, the request that will go upstream (which
 * filters change), the response being prepared and typed per-request attributes.
 *
 * <p>Not thread-safe, and it need not be: an exchange is used by one request on one event loop at a time.
 *
 * <p>Request headers are the incoming header object itself, with hop-by-hop and untrusted forwarding headers already
 * removed: what filters change there is what the upstream receives (no copy per request).
 */
public final class GatewayExchange {

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
    private final @Nullable HttpServerResponse serverResponse;
    private final HttpHeaders responseHeaders;
    private final boolean bodyDeclared;

    private @Nullable Route route;
    private @Nullable Map<String, String> uriVariables;
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
            @Nullable HttpServerResponse serverResponse) {
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
        this.serverResponse = serverResponse;
        this.responseHeaders = serverResponse != null ? serverResponse.responseHeaders() : new DefaultHttpHeaders();
        this.upstreamPath = this.rawPath;
        this.upstreamQuery = this.rawQuery;
        this.startNanos = System.nanoTime();
    }

    /**
     * An exchange for a request received by a Reactor Netty server.
     * @throws GatewayException 400 when the request target is malformed or ambiguous
     */
    public static GatewayExchange of(HttpServerRequest request, HttpServerResponse response) {
        return new GatewayExchange(request.method(), request.uri(), request.requestHeaders(),
                request.remoteAddress(), request.scheme(), request, response);
    }

    /**
     * An exchange with no server behind it, for tests of filters and routing: {@code uri} is the request target
     * ({@code /path?query}).
     */
    public static GatewayExchange of(HttpMethod method, String uri, HttpHeaders headers,
            @Nullable InetSocketAddress remoteAddress) {
        return new GatewayExchange(method, uri, headers, remoteAddress, "http", null, null);
    }

    /** Shorthand for {@link #of(HttpMethod, String, HttpHeaders, InetSocketAddress)} with no headers. */
    public static GatewayExchange of(HttpMethod method, String uri) {
        return of(method, uri, new DefaultHttpHeaders(), new InetSocketAddress("127.0.0.1", 40000));
    }

    // ---- the incoming request, as sent

    public HttpMethod method() {
        return this.method;
    }

    /** The path as the client sent it, still percent-encoded. */
    public String rawPath() {
        return this.rawPath;
    }

    /** The query string as the client sent it (without {@code ?}), or {@code null}. */
    public @Nullable String rawQuery() {
        return this.rawQuery;
    }

    /** The path routes match against: percent-decoded except {@code %2F}. */
    public String matchPath() {
        return this.matchPath;
    }

    public @Nullable InetSocketAddress remoteAddress() {
        return this.remoteAddress;
    }

    /** {@code http} or {@code https}, as the connection to the gateway. */
    public String scheme() {
        return this.scheme;
    }

    /** The request's host name without port, lower case, or {@code ""} when absent. */
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

    /** The matched route, or {@code null} before routing. */
    public @Nullable Route route() {
        return this.route;
    }

    /** The matched route's id, or {@code null} before routing. */
    public @Nullable String routeId() {
        return this.route != null ? this.route.id() : null;
    }

    public void route(Route route) {
        this.route = Objects.requireNonNull(route, "route");
        this.uriVariables = null;
    }

    /**
     * Variables captured by the route's path template ({@code {id}}, raw as sent) and host pattern
     * ({@code {tenant}}), computed on first use.
     */
    public Map<String, String> uriVariables() {
        Map<String, String> vars = this.uriVariables;
        if (vars == null) {
            vars = this.route == null ? Map.of() : this.route.match().extractVariables(this.rawPath, this.matchPath, host());
            this.uriVariables = vars;
        }
        return vars;
    }

    // ---- the request that goes upstream

    /**
     * The headers that go upstream: the incoming header object, hop-by-hop headers removed. Change it in place.
     */
    public HttpHeaders requestHeaders() {
        return this.requestHeaders;
    }

    /** The path (raw, encoded) sent upstream; starts as {@link #rawPath()}. */
    public String upstreamPath() {
        return this.upstreamPath;
    }

    public void upstreamPath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("upstream path '" + path + "' must start with '/'");
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
        return this.serverRequest != null ? this.serverRequest.receive().retain() : reactor.core.publisher.Flux.empty();
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

    /** The server response, or {@code null} for an exchange without a server. */
    public @Nullable HttpServerResponse serverResponse() {
        return this.serverResponse;
    }

    /** The server request, or {@code null} for an exchange without a server. */
    public @Nullable HttpServerRequest serverRequest() {
        return this.serverRequest;
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
        return "GatewayExchange[" + this.method + " " + this.rawPath + (this.route != null ? " route=" + this.route.id() : "") + "]";
    }
}
