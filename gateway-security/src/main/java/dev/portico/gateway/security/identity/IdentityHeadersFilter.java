package dev.portico.gateway.security.identity;

import java.util.Objects;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.security.SecurityOrder;
import org.springframework.core.Ordered;

/**
 * Removes client-supplied identity headers on every request and, when an authentication filter identified a
 * consumer, sets them from it. The authentication filters already do this on their routes; this filter is for the
 * others: as a global filter it guarantees that no route, authenticated or not, forwards a client's own
 * {@code X-Consumer-Id}.
 *
 * <pre>{@code
 * gateway.globalFilter(IdentityHeadersFilter.of(IdentityHeaders.defaults()));
 * }</pre>
 *
 * It runs at {@link SecurityOrder#IDENTITY_HEADERS}, after authentication.
 */
public final class IdentityHeadersFilter implements InlineFilter, Ordered {

    /** The YAML name. */
    public static final String NAME = "identity-headers";

    private final IdentityHeaders headers;

    private IdentityHeadersFilter(IdentityHeaders headers) {
        this.headers = headers;
    }

    public static IdentityHeadersFilter of(IdentityHeaders headers) {
        return new IdentityHeadersFilter(Objects.requireNonNull(headers, "headers"));
    }

    @Override
    public void apply(GatewayExchange exchange) {
        Consumer consumer = exchange.attr(GatewayAttributes.CONSUMER);
        if (consumer == null) {
            this.headers.strip(exchange.requestHeaders());
        }
        else {
            this.headers.apply(exchange.requestHeaders(), consumer);
        }
    }

    @Override
    public int getOrder() {
        return SecurityOrder.IDENTITY_HEADERS;
    }

    @Override
    public String toString() {
        return "IdentityHeadersFilter[" + this.headers.names() + "]";
    }

    /** Makes {@code identity-headers} filters: {@code - identity-headers}. */
    public static final class Factory extends AbstractFilterFactory<IdentityHeaders.Config> {

        public Factory() {
            super(NAME, IdentityHeaders.Config.class, "id", "groups");
        }

        @Override
        public GatewayFilter create(IdentityHeaders.Config config) {
            return new IdentityHeadersFilter(IdentityHeaders.from(config, ""));
        }
    }
}
