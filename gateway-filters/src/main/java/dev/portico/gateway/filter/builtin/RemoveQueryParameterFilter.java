package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import org.jspecify.annotations.Nullable;

/**
 * Removes every occurrence of a query parameter from the request sent upstream, e.g. a client-supplied
 * {@code api_key} the service must not see, or a parameter the gateway sets itself (remove, then
 * add-query-parameter).
 *
 * <pre>{@code
 * Route.builder("search").match(m -> m.path("/search/**")).uri("http://127.0.0.1:9001")
 *         .filter(RemoveQueryParameterFilter.of("api_key"))  // ?q=x&api_key=s&page=2 -> ?q=x&page=2
 *         .build();
 * }</pre>
 *
 * <p>The raw query is scanned once without building a map. A parameter matches when its raw name equals the
 * configured name, or decodes to it ({@code api%5Fkey} is {@code api_key} too, so encoding cannot smuggle it past).
 * Every other byte of the query is kept as sent; a query left empty is dropped, with its {@code ?}.
 */
public final class RemoveQueryParameterFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "remove-query-parameter";

    private final String name;

    private RemoveQueryParameterFilter(@Nullable String name) {
        this.name = Checks.required("name", name, "a query parameter name");
    }

    /** A filter that removes parameter {@code name} (given decoded). */
    public static RemoveQueryParameterFilter of(String name) {
        return new RemoveQueryParameterFilter(name);
    }

    public String name() {
        return this.name;
    }

    @Override
    public void apply(GatewayExchange exchange) {
        String query = exchange.upstreamQuery();
        if (query == null) {
            return;
        }
        int len = query.length();
        StringBuilder kept = null; // created on the first removal: until then the query is unchanged
        boolean keptAny = false;
        int start = 0;
        while (start <= len) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (matches(query, start, end)) {
                if (kept == null) {
                    kept = new StringBuilder(len);
                    if (start > 0) {
                        kept.append(query, 0, start - 1); // everything before, without the '&' that ended it
                        keptAny = true;
                    }
                }
            }
            else if (kept != null) {
                if (keptAny) {
                    kept.append('&');
                }
                kept.append(query, start, end);
                keptAny = true;
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        if (kept != null) {
            exchange.upstreamQuery(kept.toString());
        }
    }

    private boolean matches(String query, int start, int end) {
        int eq = query.indexOf('=', start);
        int nameEnd = (eq < 0 || eq > end) ? end : eq;
        int length = nameEnd - start;
        if (length == this.name.length() && query.regionMatches(start, this.name, 0, length)) {
            return true;
        }
        for (int i = start; i < nameEnd; i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+') {
                return QueryEncoding.decode(query.substring(start, nameEnd)).equals(this.name);
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "RemoveQueryParameterFilter[" + this.name + "]";
    }

    /** Makes {@code remove-query-parameter} filters: {@code - remove-query-parameter: api_key}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "name");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new RemoveQueryParameterFilter(config.getName());
        }

        /** Configuration of {@code remove-query-parameter}. */
        public static class Config {

            /** Parameter name, decoded; every occurrence is removed, whether sent encoded or not. Required. */
            private @Nullable String name;

            public @Nullable String getName() {
                return this.name;
            }

            public void setName(@Nullable String name) {
                this.name = name;
            }
        }
    }
}
