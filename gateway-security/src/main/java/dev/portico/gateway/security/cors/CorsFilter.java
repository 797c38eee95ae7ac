package dev.portico.gateway.security.cors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.AttributeKey;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.filter.ResponseFilter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;
import org.springframework.web.cors.CorsConfiguration;
import reactor.core.publisher.Mono;

/**
 * Cross-origin resource sharing answered at the gateway, on Spring's {@link CorsConfiguration}: its model (origins,
 * origin patterns, methods, headers, credentials, max-age, exposed headers) and its checks
 * ({@code checkOrigin}, {@code checkHttpMethod}, {@code checkHeaders}), so a configuration that works with Spring's
 * {@code CorsWebFilter} means the same here.
 *
 * <pre>{@code
 * Route.builder("api").match(m -> m.path("/api/**")).uri("http://127.0.0.1:9001")
 *         .filter(CorsFilter.of(cors -> {
 *             cors.setAllowedOriginPatterns(List.of("https://*.example.com"));
 *             cors.setAllowedMethods(List.of("GET", "POST"));
 *             cors.setAllowCredentials(true);
 *             cors.setExposedHeaders(List.of("X-Request-Id"));
 *         }))
 *         .build();
 * }</pre>
 *
 * <ul>
 * <li>A <b>preflight</b> ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered
 * here with 204 and never reaches the upstream; an origin, method or header that is not allowed is a 403
 * problem.</li>
 * <li>An <b>actual</b> cross-origin request from an origin that is not allowed, or with a method that is not, is a 403
 * problem; an allowed one goes upstream and its response gets {@code Access-Control-Allow-Origin} (and
 * {@code -Allow-Credentials}, {@code -Expose-Headers}). The gateway owns CORS on the route: the upstream's own
 * {@code Access-Control-*} response headers are replaced.</li>
 * <li>{@code Vary: Origin} is on every response (plus {@code Access-Control-Request-Method} and
 * {@code -Headers} on preflights), so caches never serve one origin's answer to another.</li>
 * <li>A request without {@code Origin}, or whose {@code Origin} is the gateway's own scheme, host and port, is not a
 * CORS request and passes untouched.</li>
 * </ul>
 *
 * <p>The configuration is checked and rendered when the filter is built: {@code *} origins with credentials is an
 * error, as in Spring. An allowed request costs Spring's origin and method checks and no allocation.
 */
public final class CorsFilter implements InlineFilter, ResponseFilter {

    /** The YAML name. */
    public static final String NAME = "cors";

    static final AsciiString ALLOW_ORIGIN = AsciiString.cached("access-control-allow-origin");
    static final AsciiString ALLOW_CREDENTIALS = AsciiString.cached("access-control-allow-credentials");
    static final AsciiString ALLOW_METHODS = AsciiString.cached("access-control-allow-methods");
    static final AsciiString ALLOW_HEADERS = AsciiString.cached("access-control-allow-headers");
    static final AsciiString EXPOSE_HEADERS = AsciiString.cached("access-control-expose-headers");
    static final AsciiString MAX_AGE = AsciiString.cached("access-control-max-age");
    static final AsciiString REQUEST_METHOD = AsciiString.cached("access-control-request-method");
    static final AsciiString REQUEST_HEADERS = AsciiString.cached("access-control-request-headers");
    static final AsciiString TRUE = AsciiString.cached("true");
    static final AsciiString ORIGIN = AsciiString.cached("Origin");
    static final AsciiString VARY_REQUEST_METHOD = AsciiString.cached("Access-Control-Request-Method");
    static final AsciiString VARY_REQUEST_HEADERS = AsciiString.cached("Access-Control-Request-Headers");

    /** Set on a preflight this filter answered, so that its response half leaves that answer alone. */
    private static final AttributeKey<CorsFilter> ANSWERED = AttributeKey.of("portico.cors.answered", CorsFilter.class);

    private final CorsConfiguration config;
    private final boolean credentials;
    /** The allowed methods as a header value, or null when any method is allowed (the requested one is echoed). */
    private final @Nullable AsciiString allowMethods;
    private final @Nullable AsciiString exposeHeaders;
    private final @Nullable AsciiString maxAge;
    private final GatewayException originRefused =
            new GatewayException(403, "Forbidden", "CORS: origin is not allowed");
    private final GatewayException methodRefused =
            new GatewayException(403, "Forbidden", "CORS: method is not allowed");
    private final GatewayException headersRefused =
            new GatewayException(403, "Forbidden", "CORS: request headers are not allowed");

    private CorsFilter(CorsConfiguration source) {
        CorsConfiguration config = new CorsConfiguration(source); // our own copy: the caller's may change later
        List<String> origins = config.getAllowedOrigins();
        List<String> patterns = config.getAllowedOriginPatterns();
        if ((origins == null || origins.isEmpty()) && (patterns == null || patterns.isEmpty())) {
            throw new IllegalArgumentException("allowed-origins: [] (expected: at least one origin such as"
                    + " https://app.example.com, or allowed-origin-patterns such as https://*.example.com)");
        }
        if (origins != null) {
            for (int i = 0; i < origins.size(); i++) {
                checkOrigin(i, origins.get(i));
            }
        }
        if (patterns != null) {
            for (int i = 0; i < patterns.size(); i++) {
                if (patterns.get(i) == null || patterns.get(i).isBlank()) {
                    throw new IllegalArgumentException("allowed-origin-patterns[" + i + "]: '" + patterns.get(i)
                            + "' (expected: an origin pattern such as https://*.example.com or http://localhost:[*])");
                }
            }
        }
        this.credentials = Boolean.TRUE.equals(config.getAllowCredentials());
        try {
            config.validateAllowCredentials();
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("allowed-origins: [*] with allow-credentials: true (expected: explicit"
                    + " origins or allowed-origin-patterns; browsers refuse '*' with credentials)", ex);
        }
        List<String> methods = tokens("allowed-methods", config.getAllowedMethods(), true);
        config.setAllowedMethods(methods.isEmpty() ? null : methods);
        config.setAllowedHeaders(nullIfEmpty(tokens("allowed-headers", config.getAllowedHeaders(), false)));
        List<String> exposed = tokens("exposed-headers", config.getExposedHeaders(), false);
        if (this.credentials && exposed.contains(CorsConfiguration.ALL)) {
            throw new IllegalArgumentException("exposed-headers: [*] with allow-credentials: true (expected: header"
                    + " names; on credentialed requests browsers read '*' as a header named '*')");
        }
        config.setExposedHeaders(nullIfEmpty(exposed));
        Long maxAge = config.getMaxAge();
        if (maxAge != null && maxAge < 0) {
            throw new IllegalArgumentException("max-age: " + maxAge + "s (expected: a duration >= 0, e.g. 30m)");
        }
        this.config = config;
        List<String> allowed = config.getAllowedMethods();
        if (allowed != null && allowed.contains(CorsConfiguration.ALL)) {
            this.allowMethods = null;
        }
        else {
            // what Spring resolves: the configured methods, or GET and HEAD when none are given
            List<String> resolved = new ArrayList<>();
            for (org.springframework.http.HttpMethod m : resolvedMethods(config)) {
                resolved.add(m.name());
            }
            this.allowMethods = AsciiString.cached(String.join(",", resolved));
        }
        this.exposeHeaders = exposed.isEmpty() ? null : AsciiString.cached(String.join(",", exposed));
        this.maxAge = maxAge == null ? null : AsciiString.cached(Long.toString(maxAge));
    }

    private static List<org.springframework.http.HttpMethod> resolvedMethods(CorsConfiguration config) {
        List<String> methods = config.getAllowedMethods();
        List<org.springframework.http.HttpMethod> resolved = new ArrayList<>();
        if (methods == null) {
            resolved.add(org.springframework.http.HttpMethod.GET);
            resolved.add(org.springframework.http.HttpMethod.HEAD);
        }
        else {
            for (String m : methods) {
                resolved.add(org.springframework.http.HttpMethod.valueOf(m));
            }
        }
        return resolved;
    }

    private static void checkOrigin(int i, @Nullable String origin) {
        if (CorsConfiguration.ALL.equals(origin)) {
            return;
        }
        if (origin == null || !origin.matches("(?i)[a-z][a-z0-9+.-]*://[^/?#\\s*]+/?")) {
            throw new IllegalArgumentException("allowed-origins[" + i + "]: '" + origin + "' (expected: an origin"
                    + " scheme://host[:port] without path, or *; use allowed-origin-patterns for wildcards)");
        }
    }

    private static List<String> tokens(String property, @Nullable List<String> values, boolean upperCase) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i) == null ? "" : values.get(i).trim();
            if (!v.equals(CorsConfiguration.ALL) && !isToken(v)) {
                throw new IllegalArgumentException(property + "[" + i + "]: '" + values.get(i)
                        + "' (expected: " + (upperCase ? "a method name such as GET" : "a header name such as X-Request-Id")
                        + ", or *)");
            }
            out.add(upperCase ? v.toUpperCase(Locale.ROOT) : v);
        }
        return out;
    }

    private static @Nullable List<String> nullIfEmpty(List<String> list) {
        return list.isEmpty() ? null : list;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A CORS filter for this configuration (copied; Spring's defaults apply to what it leaves unset). */
    public static CorsFilter of(CorsConfiguration config) {
        return new CorsFilter(Objects.requireNonNull(config, "config"));
    }

    /** A CORS filter for a configuration built in place. */
    public static CorsFilter of(java.util.function.Consumer<CorsConfiguration> configurer) {
        CorsConfiguration config = new CorsConfiguration();
        configurer.accept(config);
        return new CorsFilter(config);
    }

    /** The effective configuration (a copy). */
    public CorsConfiguration configuration() {
        return new CorsConfiguration(this.config);
    }

    // ---- request side

    @Override
    public void apply(GatewayExchange exchange) {
        HttpHeaders request = exchange.requestHeaders();
        String origin = request.get(HttpHeaderNames.ORIGIN);
        if (origin == null || sameOrigin(origin, exchange.scheme(), request.get(HttpHeaderNames.HOST))) {
            return;
        }
        String allowedOrigin = this.config.checkOrigin(origin);
        if (allowedOrigin == null) {
            throw this.originRefused;
        }
        String requestMethod = HttpMethod.OPTIONS.equals(exchange.method()) ? request.get(REQUEST_METHOD) : null;
        if (requestMethod == null) {
            if (this.config.checkHttpMethod(springMethod(exchange.method().name())) == null) {
                throw this.methodRefused;
            }
            return; // an actual request: the response half adds the headers
        }
        preflight(exchange, request, allowedOrigin, requestMethod);
    }

    private void preflight(GatewayExchange exchange, HttpHeaders request, String allowedOrigin, String requestMethod) {
        String method = requestMethod.trim();
        if (!isToken(method) || this.config.checkHttpMethod(springMethod(method)) == null) {
            throw this.methodRefused;
        }
        List<String> requested = requestedHeaders(request);
        List<String> allowedHeaders = this.config.checkHeaders(requested);
        if (!requested.isEmpty() && allowedHeaders == null) {
            throw this.headersRefused;
        }
        HttpHeaders response = exchange.responseHeaders();
        response.set(ALLOW_ORIGIN, allowedOrigin);
        if (this.credentials) {
            response.set(ALLOW_CREDENTIALS, TRUE);
        }
        response.set(ALLOW_METHODS, this.allowMethods != null ? this.allowMethods : method);
        if (allowedHeaders != null && !allowedHeaders.isEmpty()) {
            response.set(ALLOW_HEADERS, String.join(",", allowedHeaders));
        }
        if (this.maxAge != null) {
            response.set(MAX_AGE, this.maxAge);
        }
        addVary(response, ORIGIN);
        addVary(response, VARY_REQUEST_METHOD);
        addVary(response, VARY_REQUEST_HEADERS);
        exchange.attr(ANSWERED, this);
        exchange.respond(204);
    }

    private static List<String> requestedHeaders(HttpHeaders request) {
        List<String> all = request.getAll(REQUEST_HEADERS);
        if (all.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String line : all) {
            for (String name : line.split(",")) {
                String n = name.trim();
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** Spring's method for a name: its constants for the standard methods, so nothing is allocated for them. */
    private static org.springframework.http.HttpMethod springMethod(String name) {
        return org.springframework.http.HttpMethod.valueOf(name);
    }

    // ---- response side

    @Override
    public void applyResponse(GatewayExchange exchange) {
        if (exchange.attr(ANSWERED) == this) {
            return; // our own preflight answer, complete
        }
        HttpHeaders response = exchange.responseHeaders();
        addVary(response, ORIGIN);
        HttpHeaders request = exchange.requestHeaders();
        String origin = request.get(HttpHeaderNames.ORIGIN);
        if (origin == null || sameOrigin(origin, exchange.scheme(), request.get(HttpHeaderNames.HOST))) {
            return;
        }
        // the gateway owns CORS on this route: never let the upstream's own answer through beside ours
        response.remove(ALLOW_ORIGIN);
        response.remove(ALLOW_CREDENTIALS);
        response.remove(EXPOSE_HEADERS);
        response.remove(ALLOW_METHODS);
        response.remove(ALLOW_HEADERS);
        response.remove(MAX_AGE);
        String allowedOrigin = this.config.checkOrigin(origin);
        if (allowedOrigin == null) {
            return; // a local response another filter made before our request half ran: no CORS grant
        }
        response.set(ALLOW_ORIGIN, allowedOrigin);
        if (this.credentials) {
            response.set(ALLOW_CREDENTIALS, TRUE);
        }
        if (this.exposeHeaders != null) {
            response.set(EXPOSE_HEADERS, this.exposeHeaders);
        }
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
        exchange.addResponseFilter(this); // outside a compiled chain: keep the response half
        return InlineFilter.super.filter(exchange, chain);
    }

    /** Adds a {@code Vary} value unless a {@code Vary} header already lists it (or {@code *}). */
    static void addVary(HttpHeaders headers, AsciiString value) {
        if (!headers.containsValue(HttpHeaderNames.VARY, value, true)
                && !headers.containsValue(HttpHeaderNames.VARY, "*", false)) {
            headers.add(HttpHeaderNames.VARY, value);
        }
    }

    /**
     * Whether {@code Origin} names the gateway itself as the client reached it ({@code scheme://Host}), a default
     * port written on one side only included. Compared in place, without parsing.
     */
    static boolean sameOrigin(String origin, String scheme, @Nullable String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        int s = scheme.length();
        if (!origin.regionMatches(true, 0, scheme, 0, s) || !origin.startsWith("://", s)) {
            return false;
        }
        int start = s + 3;
        int rest = origin.length() - start;
        if (rest == host.length()) {
            return origin.regionMatches(true, start, host, 0, rest);
        }
        String port = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
        if (host.length() == rest + port.length()) {
            return host.endsWith(port) && origin.regionMatches(true, start, host, 0, rest);
        }
        if (rest == host.length() + port.length()) {
            return origin.endsWith(port) && origin.regionMatches(true, start, host, 0, host.length());
        }
        return false;
    }

    @Override
    public String toString() {
        return "CorsFilter[origins=" + this.config.getAllowedOrigins() + ", patterns="
                + this.config.getAllowedOriginPatterns() + ", methods=" + this.config.getAllowedMethods()
                + ", credentials=" + this.credentials + "]";
    }

    /** Makes {@code cors} filters: {@code - cors: https://app.example.com, https://admin.example.com}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "allowed-origins");
        }

        @Override
        public GatewayFilter create(Config config) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(nullIfEmpty(config.getAllowedOrigins()));
            cors.setAllowedOriginPatterns(nullIfEmpty(config.getAllowedOriginPatterns()));
            cors.setAllowedMethods(config.getAllowedMethods());
            cors.setAllowedHeaders(config.getAllowedHeaders());
            cors.setExposedHeaders(config.getExposedHeaders());
            cors.setAllowCredentials(config.isAllowCredentials());
            Duration maxAge = config.getMaxAge();
            if (maxAge != null) {
                if (maxAge.isNegative()) {
                    throw new IllegalArgumentException("max-age: " + maxAge + " (expected: a duration >= 0, e.g. 30m)");
                }
                cors.setMaxAge(maxAge);
            }
            return new CorsFilter(cors);
        }

        /** Configuration of {@code cors}. */
        public static class Config {

            /** Origins allowed, e.g. https://app.example.com; * for any (not with allow-credentials). */
            private List<String> allowedOrigins = new ArrayList<>();

            /** Origin patterns allowed, e.g. https://*.example.com or http://localhost:[*]. */
            private List<String> allowedOriginPatterns = new ArrayList<>();

            /** Methods allowed on cross-origin requests; * for any. */
            private List<String> allowedMethods = new ArrayList<>(List.of("GET", "HEAD", "POST"));

            /** Request headers a preflight may ask for; * for any. */
            private List<String> allowedHeaders = new ArrayList<>(List.of("*"));

            /** Response headers besides the CORS-safelisted ones that scripts may read. */
            private List<String> exposedHeaders = new ArrayList<>();

            /** Whether browsers may send credentials (cookies, client certificates, Authorization). */
            private boolean allowCredentials;

            /** How long browsers may cache a preflight answer; empty for no Access-Control-Max-Age. */
            private @Nullable Duration maxAge = Duration.ofMinutes(30);

            public List<String> getAllowedOrigins() {
                return this.allowedOrigins;
            }

            public void setAllowedOrigins(List<String> allowedOrigins) {
                this.allowedOrigins = allowedOrigins;
            }

            public List<String> getAllowedOriginPatterns() {
                return this.allowedOriginPatterns;
            }

            public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
                this.allowedOriginPatterns = allowedOriginPatterns;
            }

            public List<String> getAllowedMethods() {
                return this.allowedMethods;
            }

            public void setAllowedMethods(List<String> allowedMethods) {
                this.allowedMethods = allowedMethods;
            }

            public List<String> getAllowedHeaders() {
                return this.allowedHeaders;
            }

            public void setAllowedHeaders(List<String> allowedHeaders) {
                this.allowedHeaders = allowedHeaders;
            }

            public List<String> getExposedHeaders() {
                return this.exposedHeaders;
            }

            public void setExposedHeaders(List<String> exposedHeaders) {
                this.exposedHeaders = exposedHeaders;
            }

            public boolean isAllowCredentials() {
                return this.allowCredentials;
            }

            public void setAllowCredentials(boolean allowCredentials) {
                this.allowCredentials = allowCredentials;
            }

            public @Nullable Duration getMaxAge() {
                return this.maxAge;
            }

            public void setMaxAge(@Nullable Duration maxAge) {
                this.maxAge = maxAge;
            }
        }
    }
}
