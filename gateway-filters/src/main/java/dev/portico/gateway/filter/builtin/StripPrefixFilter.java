package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.internal.ForwardedHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Removes the first path segments before the request goes upstream, so that a service mounted at {@code /} can sit
 * behind a gateway prefix such as {@code /api/users}. The removed part is passed on as {@code X-Forwarded-Prefix}
 * (appended to one a trusted proxy sent), which lets the service build links that work for the client.
 *
 * <pre>{@code
 * Route.builder("users")
 *         .match(m -> m.path("/api/users/**"))
 *         .uri("http://127.0.0.1:9001")
 *         .filter(StripPrefixFilter.of(1))   // GET /api/users/7 -> GET /users/7, X-Forwarded-Prefix: /api
 *         .build();
 * }</pre>
 *
 * <p>Segments are split at literal {@code /} in the raw path, so an encoded {@code %2F} stays inside its segment.
 * Stripping as many segments as the path has, or more, leaves {@code /}.
 */
public final class StripPrefixFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "strip-prefix";

    private final int parts;

    private StripPrefixFilter(int parts) {
        if (parts < 0) {
            throw new IllegalArgumentException("parts: " + parts + " (expected: >= 0)");
        }
        this.parts = parts;
    }

    /** A filter that strips {@code parts} leading segments; 0 does nothing. */
    public static StripPrefixFilter of(int parts) {
        return new StripPrefixFilter(parts);
    }

    public int parts() {
        return this.parts;
    }

    @Override
    public void apply(GatewayExchange exchange) {
        String path = exchange.upstreamPath();
        if (this.parts == 0 || path.length() == 1) {
            return; // nothing to strip from "/"
        }
        // end: index of the '/' that starts what remains, or path.length() when nothing remains
        int end = 0;
        for (int i = 0; i < this.parts; i++) {
            int next = path.indexOf('/', end + 1);
            if (next < 0) {
                end = path.length();
                break;
            }
            end = next;
        }
        int prefixEnd = end;
        if (prefixEnd > 1 && path.charAt(prefixEnd - 1) == '/') {
            prefixEnd--; // "/api/" stripped whole: the prefix is "/api"
        }
        exchange.upstreamPath(end >= path.length() ? "/" : path.substring(end));
        if (prefixEnd > 1) { // only empty segments were stripped: no prefix worth telling
            recordPrefix(exchange.requestHeaders(), path.substring(0, prefixEnd));
        }
    }

    private static void recordPrefix(HttpHeaders headers, String removed) {
        String prior = headers.get(ForwardedHeaderNames.X_FORWARDED_PREFIX);
        if (prior == null || prior.isEmpty()) {
            headers.set(ForwardedHeaderNames.X_FORWARDED_PREFIX, removed);
        }
        else {
            int len = prior.endsWith("/") ? prior.length() - 1 : prior.length();
            headers.set(ForwardedHeaderNames.X_FORWARDED_PREFIX, prior.substring(0, len) + removed);
        }
    }

    @Override
    public String toString() {
        return "StripPrefixFilter[parts=" + this.parts + "]";
    }

    /** Makes {@code strip-prefix} filters: {@code - strip-prefix: 2}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "parts");
        }

        @Override
        public GatewayFilter create(Config config) {
            return of(config.getParts());
        }

        /** Configuration of {@code strip-prefix}. */
        public static class Config {

            /** Number of leading path segments to remove, at least 0. */
            private int parts = 1;

            public int getParts() {
                return this.parts;
            }

            public void setParts(int parts) {
                this.parts = parts;
            }
        }
    }
}
