package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.InlineFilter;
import org.jspecify.annotations.Nullable;

/**
 * Adds or sets a header on the request sent upstream.
 * <ul>
 * <li>{@code add-request-header} keeps any values the client sent under the same name: tells a service something the
 * gateway knows, such as which edge a request came through;</li>
 * <li>{@code set-request-header} replaces every value the client sent: for headers the service must be able to
 * trust, which a client must not be able to supply itself.</li>
 * </ul>
 *
 * <pre>{@code
 * Route.builder("users").match(m -> m.path("/api/users/{id}")).uri("http://127.0.0.1:9001")
 *         .filter(RequestHeaderFilter.add("X-Source", "edge"))
 *         .filter(RequestHeaderFilter.set("X-User-Id", "{id}"))
 *         .build();
 * }</pre>
 *
 * <p>The value may hold {@code {name}} placeholders for the route's URI variables (path and host variables, raw as
 * sent); it is parsed once, and a value without placeholders is used as is. A placeholder the route does not
 * capture is a 500 naming it. Content-Length, Transfer-Encoding and Host are refused: the gateway derives
 * them (see preserve-host).
 */
public final class RequestHeaderFilter implements InlineFilter {

    /** The YAML name of the adding filter. */
    public static final String ADD = "add-request-header";

    /** The YAML name of the setting filter. */
    public static final String SET = "set-request-header";

    private final HeaderWrite write;

    private RequestHeaderFilter(String filterName, @Nullable String name, @Nullable String value) {
        this.write = new HeaderWrite(filterName, filterName.equals(SET), Checks.settableRequestHeaderName("name", name),
                Checks.headerValue("value", value));
    }

    /** A filter that adds header {@code name}; {@code value} may use {@code {var}} URI variables. */
    public static RequestHeaderFilter add(String name, String value) {
        return new RequestHeaderFilter(ADD, name, value);
    }

    /** A filter that sets header {@code name}, replacing the client's; {@code value} may use {@code {var}}s. */
    public static RequestHeaderFilter set(String name, String value) {
        return new RequestHeaderFilter(SET, name, value);
    }

    public String name() {
        return this.write.name();
    }

    public String value() {
        return this.write.value();
    }

    /** Whether the filter replaces the client's values ({@code set-request-header}) instead of adding one. */
    public boolean replaces() {
        return this.write.replaces();
    }

    @Override
    public void apply(GatewayExchange exchange) {
        this.write.writeTo(exchange.requestHeaders(), exchange);
    }

    @Override
    public String toString() {
        return "RequestHeaderFilter[" + this.write + "]";
    }

    /** Makes {@code add-request-header} filters: {@code - add-request-header: X-Source, edge}. */
    public static final class AddFactory extends HeaderFilterFactory {

        public AddFactory() {
            super(ADD, (name, value) -> new RequestHeaderFilter(ADD, name, value));
        }
    }

    /** Makes {@code set-request-header} filters: {@code - set-request-header: X-User-Id, {id}}. */
    public static final class SetFactory extends HeaderFilterFactory {

        public SetFactory() {
            super(SET, (name, value) -> new RequestHeaderFilter(SET, name, value));
        }
    }
}
