package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
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
    public static final class Factory extends HeaderFilterFactory {

        public Factory() {
            super(NAME, SetResponseHeaderFilter::new);
        }
    }
}
