package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the upstream path with a template filled from the route's URI variables: the readable alternative to a
 * regex when the route's path pattern already names the parts.
 *
 * <pre>{@code
 * Route.builder("items").match(m -> m.path("/shop/{id}")).uri("http://127.0.0.1:9001")
 *         .filter(SetPathFilter.of("/v2/items/{id}"))   // /shop/42 -> /v2/items/42
 *         .build();
 * }</pre>
 *
 * <p>The template is parsed once. Variables are inserted raw, as the client sent them (still percent-encoded), so
 * the path stays a valid raw path. Which variables a route captures is unknown until the filter meets a route: a
 * variable the route does not capture is a 500 naming it, on the first request (a substituted empty string would
 * send a wrong path silently). A result with a {@code .} or {@code ..} segment is a 400, as such a request would be.
 */
public final class SetPathFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "set-path";

    private final VariableTemplate template;

    private SetPathFilter(@Nullable String template) {
        String t = Checks.required("template", template, "a path such as /v2/items/{id}");
        if (t.charAt(0) != '/') {
            throw new IllegalArgumentException("template: " + Checks.quote(t)
                    + " (expected: a path that starts with '/', e.g. /v2/items/{id})");
        }
        this.template = VariableTemplate.parse("template", t);
        for (String literal : this.template.literals()) {
            Checks.pathChars("template", t, literal);
        }
    }

    /** A filter that sets the upstream path to {@code template}, e.g. {@code /v2/items/{id}}. */
    public static SetPathFilter of(String template) {
        return new SetPathFilter(template);
    }

    public String template() {
        return this.template.toString();
    }

    @Override
    public void apply(GatewayExchange exchange) {
        if (this.template.isConstant()) {
            exchange.upstreamPath(this.template.constant());
            return;
        }
        String path = this.template.expand(exchange, NAME);
        exchange.upstreamPath(path); // 400 for '.' or '..' segments assembled from variables
    }

    @Override
    public String toString() {
        return "SetPathFilter[template=" + this.template + "]";
    }

    /** Makes {@code set-path} filters: {@code - set-path: /v2/items/{id}}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "template");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new SetPathFilter(config.getTemplate());
        }

        /** Configuration of {@code set-path}. */
        public static class Config {

            /**
             * Raw path sent upstream, starting with '/'; {name} placeholders take the route's URI variables (path and
             * host variables). Required.
             */
            private @Nullable String template;

            public @Nullable String getTemplate() {
                return this.template;
            }

            public void setTemplate(@Nullable String template) {
                this.template = template;
            }
        }
    }
}
