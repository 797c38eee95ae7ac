package dev.portico.gateway.filter.builtin;

import java.util.List;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.filter.ResponseFilter;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * Sets a header on the response sent to the client, replacing every value the upstream sent under that name: for
 * policies the gateway owns, such as {@code Cache-Control} or security headers.
 *
 * <pre>{@code
 * Route.builder("users").match(m -> m.path("/api/users/**")).uri("http://127.0.0.1:9001")
 *         .filter(SetResponseHeaderFilter.of("Cache-Control", "no-store"))
 *         .build();
 * }</pre>
 *
 * <p>The value may hold {@code {name}} placeholders for the route's URI variables (path and host variables, raw as
 * sent); it is parsed once, and a value without placeholders is used as is. A placeholder the route does not
 * capture is a 500 naming it. Content-Length and Transfer-Encoding are refused: they follow the body.
 */
public final class SetResponseHeaderFilter implements ResponseFilter {

    /** The YAML name. */
    public static final String NAME = "set-response-header";

    private final AsciiString name;
    private final VariableTemplate value;

    private SetResponseHeaderFilter(@Nullable String name, @Nullable String value) {
        this.name = Checks.settableHeaderName("name", name);
        this.value = VariableTemplate.parse("value", Checks.headerValue("value", value));
    }

    /** A filter that sets header {@code name}; {@code value} may use {@code {var}} URI variables. */
    public static SetResponseHeaderFilter of(String name, String value) {
        return new SetResponseHeaderFilter(name, value);
    }

    public String name() {
        return this.name.toString();
    }

    public String value() {
        return this.value.toString();
    }

    @Override
    public void applyResponse(GatewayExchange exchange) {
        exchange.responseHeaders().set(this.name, this.value.expand(exchange, NAME));
    }

    @Override
    public String toString() {
        return "SetResponseHeaderFilter[" + this.name + ": " + this.value + "]";
    }

    /** Makes {@code set-response-header} filters: {@code - set-response-header: Cache-Control, no-store}. */
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
            return new SetResponseHeaderFilter(config.getName(), config.getValue());
        }

        /** Configuration of {@code set-response-header}. */
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
