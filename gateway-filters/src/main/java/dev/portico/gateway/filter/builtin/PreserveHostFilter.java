package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.filter.InlineFilter;

/**
 * Sends the client's {@code Host} header upstream instead of the upstream's own authority: for services that route
 * or build absolute links by host name (virtual hosts, multi-tenant apps).
 *
 * <pre>{@code
 * Route.builder("tenants").match(m -> m.path("/**")).uri("http://127.0.0.1:9001")
 *         .filter(PreserveHostFilter.of())
 *         .build();
 * }</pre>
 */
public final class PreserveHostFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "preserve-host";

    private static final PreserveHostFilter INSTANCE = new PreserveHostFilter();

    private PreserveHostFilter() {
    }

    /** The filter; it has no state, so there is one instance. */
    public static PreserveHostFilter of() {
        return INSTANCE;
    }

    @Override
    public void apply(GatewayExchange exchange) {
        exchange.preserveHost(true);
    }

    @Override
    public String toString() {
        return "PreserveHostFilter";
    }

    /** Makes the {@code preserve-host} filter: {@code - preserve-host}. */
    public static final class Factory extends AbstractFilterFactory<GatewayFilterFactory.NoConfig> {

        public Factory() {
            super(NAME, NoConfig.class);
        }

        @Override
        public GatewayFilter create(NoConfig config) {
            return INSTANCE;
        }
    }
}
