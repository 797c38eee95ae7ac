package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.InlineFilter;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * Sets a header on the request sent upstream, replacing every value the client sent under that name: for headers
 * the service must be able to trust, which a client must not be able to supply itself.
 *
 * <pre>{@code
 * Route.builder("users").match(m -> m.path("/api/users/{id}")).uri("http://127.0.0.1:9001")
 *         .filter(SetRequestHeaderFilter.of("X-User-Id", "{id}"))
 *         .build();
 * }</pre>
 *
 * <p>The value may hold {@code {name}} placeholders for the route's URI variables (path and host variables, raw as
 * sent); it is parsed once, and a value without placeholders is used as is. A placeholder the route does not
 * capture is a 500 naming it. Content-Length, Transfer-Encoding and Host are refused: the gateway derives
 * them (see preserve-host).
 */
public final class SetRequestHeaderFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "set-request-header";

    private final AsciiString name;
    private final VariableTemplate value;

    private SetRequestHeaderFilter(@Nullable String name, @Nullable String value) {
        this.name = Checks.settableRequestHeaderName("name", name);
        this.value = VariableTemplate.parse("value", Checks.headerValue("value", value));
    }

    /** A filter that sets header {@code name}; {@code value} may use {@code {var}} URI variables. */
    public static SetRequestHeaderFilter of(String name, String value) {
        return new SetRequestHeaderFilter(name, value);
    }

    public String name() {
        return this.name.toString();
    }

    public String value() {
        return this.value.toString();
    }

    @Override
    public void apply(GatewayExchange exchange) {
        exchange.requestHeaders().set(this.name, this.value.expand(exchange, NAME));
    }

    @Override
    public String toString() {
        return "SetRequestHeaderFilter[" + this.name + ": " + this.value + "]";
    }

    /** Makes {@code set-request-header} filters: {@code - set-request-header: X-User-Id, {id}}. */
    public static final class Factory extends HeaderFilterFactory {

        public Factory() {
            super(NAME, SetRequestHeaderFilter::new);
        }
    }
}
