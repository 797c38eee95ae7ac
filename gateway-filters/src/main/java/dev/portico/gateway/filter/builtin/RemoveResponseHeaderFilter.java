package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.ResponseFilter;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * Removes every value of a header from the response sent to the client: keeps internal details (such as
 * {@code Server} or {@code X-Powered-By}) from leaking out.
 *
 * <pre>{@code
 * Route.builder("users").match(m -> m.path("/api/users/**")).uri("http://127.0.0.1:9001")
 *         .filter(RemoveResponseHeaderFilter.of("X-Powered-By"))
 *         .build();
 * }</pre>
 */
public final class RemoveResponseHeaderFilter implements ResponseFilter {

    /** The YAML name. */
    public static final String NAME = "remove-response-header";

    private final AsciiString name;

    private RemoveResponseHeaderFilter(@Nullable String name) {
        this.name = Checks.headerName("name", name);
    }

    /** A filter that removes header {@code name} (any case). */
    public static RemoveResponseHeaderFilter of(String name) {
        return new RemoveResponseHeaderFilter(name);
    }

    public String name() {
        return this.name.toString();
    }

    @Override
    public void applyResponse(GatewayExchange exchange) {
        exchange.responseHeaders().remove(this.name);
    }

    @Override
    public String toString() {
        return "RemoveResponseHeaderFilter[" + this.name + "]";
    }

    /** Makes {@code remove-response-header} filters: {@code - remove-response-header: X-Powered-By}. */
    public static final class Factory extends RemoveHeaderFilterFactory {

        public Factory() {
            super(NAME, RemoveResponseHeaderFilter::new);
        }
    }
}
