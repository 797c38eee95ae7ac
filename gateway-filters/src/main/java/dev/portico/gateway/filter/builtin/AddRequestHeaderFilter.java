package dev.portico.gateway.filter.builtin;

import java.util.List;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.filter.InlineFilter;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * Adds a header to the request sent upstream, keeping any the client sent under the same name: tells a service
 * something the gateway knows, such as which edge a request came through.
 *
 * <pre>{@code
 * Route.builder("users").match(m -> m.path("/api/users/**")).uri("http://127.0.0.1:9001")
 *         .filter(AddRequestHeaderFilter.of("X-Source", "edge"))
 *         .build();
 * }</pre>
 *
 * <p>The value may hold {@code {name}} placeholders for the route's URI variables (path and host variables, raw as
 * sent); it is parsed once, and a value without placeholders is used as is. A placeholder the route does not
 * capture is a 500 naming it. Content-Length, Transfer-Encoding and Host are refused: the gateway derives
 * them (see preserve-host).
 */
public final class AddRequestHeaderFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "add-request-header";

    private final AsciiString name;
    private final VariableTemplate value;

    private AddRequestHeaderFilter(@Nullable String name, @Nullable String value) {
        this.name = Checks.settableRequestHeaderName("name", name);
        this.value = VariableTemplate.parse("value", Checks.headerValue("value", value));
    }

    /** A filter that adds header {@code name}; {@code value} may use {@code {var}} URI variables. */
    public static AddRequestHeaderFilter of(String name, String value) {
        return new AddRequestHeaderFilter(name, value);
    }

    public String name() {
        return this.name.toString();
    }

    public String value() {
        return this.value.toString();
    }

    @Override
    public void apply(GatewayExchange exchange) {
        exchange.requestHeaders().add(this.name, this.value.expand(exchange, NAME));
    }

    @Override
    public String toString() {
        return "AddRequestHeaderFilter[" + this.name + ": " + this.value + "]";
    }

    /** Makes {@code add-request-header} filters: {@code - add-request-header: X-Source, edge}. */
    public static final class Factory implements GatewayFilterFactory<Factory.Config> {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public List<String> shortcutFields() {
            return List.of("name", "value");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new AddRequestHeaderFilter(config.getName(), config.getValue());
        }

        /** Configuration of {@code add-request-header}. */
        public static class Config {

            /** Header name (RFC 9110 token characters). Required. */
            private @Nullable String name;

            /**
             * Header value; {name} placeholders take the route's URI variables. Required (may be empty).
             */
            private @Nullable String value;

            public @Nullable String getName() {
                return this.name;
            }

            public void setName(@Nullable String name) {
                this.name = name;
            }

            public @Nullable String getValue() {
                return this.value;
            }

            public void setValue(@Nullable String value) {
                this.value = value;
            }
        }
    }
}
