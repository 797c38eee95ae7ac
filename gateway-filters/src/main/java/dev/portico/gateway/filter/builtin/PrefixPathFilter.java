package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import org.jspecify.annotations.Nullable;

/**
 * Prepends a fixed prefix to the upstream path, for a service that expects a context path the clients do not send:
 * {@code /users/7} goes upstream as {@code /v1/users/7}.
 *
 * <pre>{@code
 * Route.builder("users").match(m -> m.path("/users/**")).uri("http://127.0.0.1:9001")
 *         .filter(PrefixPathFilter.of("/v1"))
 *         .build();
 * }</pre>
 *
 * <p>The prefix is a raw (percent-encoded) path that starts with {@code /} and does not end with one; a request for
 * {@code /} goes upstream as {@code /v1/}.
 */
public final class PrefixPathFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "prefix-path";

    private final String prefix;

    private PrefixPathFilter(@Nullable String prefix) {
        String p = Checks.required("prefix", prefix, "a path such as /v1");
        if (p.charAt(0) != '/' || p.endsWith("/")) {
            throw new IllegalArgumentException("prefix: " + Checks.quote(p)
                    + " (expected: a path that starts with '/' and does not end with '/', e.g. /v1)");
        }
        Checks.pathChars("prefix", p, p);
        this.prefix = p;
    }

    /** A filter that prepends {@code prefix}, e.g. {@code /v1}. */
    public static PrefixPathFilter of(String prefix) {
        return new PrefixPathFilter(prefix);
    }

    public String prefix() {
        return this.prefix;
    }

    @Override
    public void apply(GatewayExchange exchange) {
        exchange.upstreamPath(this.prefix.concat(exchange.upstreamPath()));
    }

    @Override
    public String toString() {
        return "PrefixPathFilter[prefix=" + this.prefix + "]";
    }

    /** Makes {@code prefix-path} filters: {@code - prefix-path: /v1}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "prefix");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new PrefixPathFilter(config.getPrefix());
        }

        /** Configuration of {@code prefix-path}. */
        public static class Config {

            /** Raw path to prepend: starts with '/', no trailing '/', e.g. "/v1". Required. */
            private @Nullable String prefix;

            public @Nullable String getPrefix() {
                return this.prefix;
            }

            public void setPrefix(@Nullable String prefix) {
                this.prefix = prefix;
            }
        }
    }
}
