package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.ResponseFilter;
import org.jspecify.annotations.Nullable;

/**
 * Adds or sets a header on the response sent to the client.
 * <ul>
 * <li>{@code add-response-header} keeps any values the upstream sent under the same name;</li>
 * <li>{@code set-response-header} replaces every value the upstream sent: for policies the gateway owns, such as
 * {@code Cache-Control} or security headers.</li>
 * </ul>
 *
 * <pre>{@code
 * Route.builder("users").match(m -> m.path("/api/users/**")).uri("http://127.0.0.1:9001")
 *         .filter(ResponseHeaderFilter.add("X-Served-By", "portico"))
 *         .filter(ResponseHeaderFilter.set("Cache-Control", "no-store"))
 *         .build();
 * }</pre>
 *
 * <p>The value may hold {@code {name}} placeholders for the route's URI variables (path and host variables, raw as
 * sent); it is parsed once, and a value without placeholders is used as is. A placeholder the route does not
 * capture is a 500 naming it. Content-Length and Transfer-Encoding are refused: they follow the body.
 */
public final class ResponseHeaderFilter implements ResponseFilter {

    /** The YAML name of the adding filter. */
    public static final String ADD = "add-response-header";

    /** The YAML name of the setting filter. */
    public static final String SET = "set-response-header";

    private final HeaderWrite write;

    private ResponseHeaderFilter(String filterName, @Nullable String name, @Nullable String value) {
        this.write = new HeaderWrite(filterName, filterName.equals(SET), Checks.settableHeaderName("name", name),
                Checks.headerValue("value", value));
    }

    /** A filter that adds header {@code name}; {@code value} may use {@code {var}} URI variables. */
    public static ResponseHeaderFilter add(String name, String value) {
        return new ResponseHeaderFilter(ADD, name, value);
    }

    /** A filter that sets header {@code name}, replacing the upstream's; {@code value} may use {@code {var}}s. */
    public static ResponseHeaderFilter set(String name, String value) {
        return new ResponseHeaderFilter(SET, name, value);
    }

    public String name() {
        return this.write.name();
    }

    public String value() {
        return this.write.value();
    }

    /** Whether the filter replaces the upstream's values ({@code set-response-header}) instead of adding one. */
    public boolean replaces() {
        return this.write.replaces();
    }

    @Override
    public void applyResponse(GatewayExchange exchange) {
        this.write.writeTo(exchange.responseHeaders(), exchange);
    }

    @Override
    public String toString() {
        return "ResponseHeaderFilter[" + this.write + "]";
    }

    /** Makes {@code add-response-header} filters: {@code - add-response-header: X-Served-By, portico}. */
    public static final class AddFactory extends HeaderFilterFactory {

        public AddFactory() {
            super(ADD, (name, value) -> new ResponseHeaderFilter(ADD, name, value));
        }
    }

    /** Makes {@code set-response-header} filters: {@code - set-response-header: Cache-Control, no-store}. */
    public static final class SetFactory extends HeaderFilterFactory {

        public SetFactory() {
            super(SET, (name, value) -> new ResponseHeaderFilter(SET, name, value));
        }
    }
}
