package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.InlineFilter;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * Removes every value of a header from the request sent upstream: keeps credentials, cookies or internal headers a
 * client sent from reaching a service that should not see them.
 *
 * <pre>{@code
 * Route.builder("users").match(m -> m.path("/api/users/**")).uri("http://127.0.0.1:9001")
 *         .filter(RemoveRequestHeaderFilter.of("Cookie"))
 *         .build();
 * }</pre>
 */
public final class RemoveRequestHeaderFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "remove-request-header";

    private final AsciiString name;

    private RemoveRequestHeaderFilter(@Nullable String name) {
        this.name = Checks.headerName("name", name);
    }

    /** A filter that removes header {@code name} (any case). */
    public static RemoveRequestHeaderFilter of(String name) {
        return new RemoveRequestHeaderFilter(name);
    }

    public String name() {
        return this.name.toString();
    }

    @Override
    public void apply(GatewayExchange exchange) {
        exchange.requestHeaders().remove(this.name);
    }

    @Override
    public String toString() {
        return "RemoveRequestHeaderFilter[" + this.name + "]";
    }

    /** Makes {@code remove-request-header} filters: {@code - remove-request-header: Cookie}. */
    public static final class Factory extends RemoveHeaderFilterFactory {

        public Factory() {
            super(NAME, RemoveRequestHeaderFilter::new);
        }
    }
}
