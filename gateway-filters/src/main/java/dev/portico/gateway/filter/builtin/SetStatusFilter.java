package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.ResponseFilter;
import org.jspecify.annotations.Nullable;

/**
 * Sets the status of the response sent to the client, whatever the upstream answered: to retire an endpoint
 * ({@code 410}) or to hide an upstream's quirk. The body and headers are the upstream's, unchanged.
 *
 * <pre>{@code
 * Route.builder("retired").match(m -> m.path("/v1/**")).uri("http://127.0.0.1:9001")
 *         .filter(SetStatusFilter.of(410))
 *         .build();
 * }</pre>
 */
public final class SetStatusFilter implements ResponseFilter {

    /** The YAML name. */
    public static final String NAME = "set-status";

    private final int status;

    private SetStatusFilter(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100-599)");
        }
        this.status = status;
    }

    /** A filter that sets the response status to {@code status} (100-599). */
    public static SetStatusFilter of(int status) {
        return new SetStatusFilter(status);
    }

    public int status() {
        return this.status;
    }

    @Override
    public void applyResponse(GatewayExchange exchange) {
        exchange.responseStatus(this.status);
    }

    @Override
    public String toString() {
        return "SetStatusFilter[status=" + this.status + "]";
    }

    /** Makes {@code set-status} filters: {@code - set-status: 410}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "status");
        }

        @Override
        public GatewayFilter create(Config config) {
            Integer status = config.getStatus();
            if (status == null) {
                throw new IllegalArgumentException("status: null (expected: an HTTP status, 100-599)");
            }
            return of(status);
        }

        /** Configuration of {@code set-status}. */
        public static class Config {

            /** Status code sent to the client, 100-599. Required. */
            private @Nullable Integer status;

            public @Nullable Integer getStatus() {
                return this.status;
            }

            public void setStatus(@Nullable Integer status) {
                this.status = status;
            }
        }
    }
}
