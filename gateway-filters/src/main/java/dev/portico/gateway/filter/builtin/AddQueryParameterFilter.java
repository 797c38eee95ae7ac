package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import org.jspecify.annotations.Nullable;

/**
 * Appends a fixed query parameter to the request sent upstream, e.g. an API version or a source tag the service
 * expects. Name and value are given decoded and percent-encoded once, at creation; per request the filter only
 * appends {@code name=value} to the raw query, leaving the client's parameters (including one of the same name)
 * byte-identical.
 *
 * <pre>{@code
 * Route.builder("search").match(m -> m.path("/search/**")).uri("http://127.0.0.1:9001")
 *         .filter(AddQueryParameterFilter.of("source", "edge gateway"))  // ?q=x -> ?q=x&source=edge%20gateway
 *         .build();
 * }</pre>
 */
public final class AddQueryParameterFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "add-query-parameter";

    private final String name;
    private final String value;
    /** {@code name=value}, percent-encoded. */
    private final String pair;

    private AddQueryParameterFilter(@Nullable String name, @Nullable String value) {
        this.name = Checks.required("name", name, "a query parameter name");
        if (value == null) {
            throw new IllegalArgumentException("value: null (expected: a query parameter value, may be empty)");
        }
        this.value = value;
        this.pair = QueryEncoding.encode(this.name) + '=' + QueryEncoding.encode(value);
    }

    /** A filter that appends {@code name=value} (both given decoded; they are percent-encoded here). */
    public static AddQueryParameterFilter of(String name, String value) {
        return new AddQueryParameterFilter(name, value);
    }

    public String name() {
        return this.name;
    }

    public String value() {
        return this.value;
    }

    @Override
    public void apply(GatewayExchange exchange) {
        String query = exchange.upstreamQuery();
        if (query == null || query.isEmpty()) {
            exchange.upstreamQuery(this.pair);
        }
        else if (query.endsWith("&")) {
            exchange.upstreamQuery(query.concat(this.pair));
        }
        else {
            exchange.upstreamQuery(query + '&' + this.pair);
        }
    }

    @Override
    public String toString() {
        return "AddQueryParameterFilter[" + this.pair + "]";
    }

    /** Makes {@code add-query-parameter} filters: {@code - add-query-parameter: source, edge}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "name", "value");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new AddQueryParameterFilter(config.getName(), config.getValue());
        }

        /** Configuration of {@code add-query-parameter}. */
        public static class Config {

            /** Parameter name, decoded (it is percent-encoded when the filter is created). Required. */
            private @Nullable String name;

            /** Parameter value, decoded (it is percent-encoded when the filter is created). Empty sends "name=". */
            private String value = "";

            public @Nullable String getName() {
                return this.name;
            }

            public void setName(@Nullable String name) {
                this.name = name;
            }

            public String getValue() {
                return this.value;
            }

            public void setValue(String value) {
                this.value = value;
            }
        }
    }
}
