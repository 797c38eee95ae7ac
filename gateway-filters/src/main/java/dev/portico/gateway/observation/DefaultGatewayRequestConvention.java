package dev.portico.gateway.observation;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.observation.GatewayObservationDocumentation.HighCardinalityKeys;
import dev.portico.gateway.observation.GatewayObservationDocumentation.RequestKeys;
import io.micrometer.common.KeyValues;

/**
 * {@code portico.requests}, tagged {@code route}, {@code method}, {@code status} (class) and {@code outcome}
 * (Micrometer's meter handler adds {@code error}, the exception's simple name); spans also get {@code http.path}.
 * Every tag value comes from configuration or a fixed set, never from request data.
 */
public class DefaultGatewayRequestConvention implements GatewayRequestConvention {

    /** The metric and observation name. */
    public static final String NAME = "portico.requests";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(GatewayRequestContext context) {
        GatewayExchange exchange = context.exchange();
        return "gateway " + Tags.lower(exchange.method()) + " " + exchange.routeId();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(GatewayRequestContext context) {
        GatewayExchange exchange = context.exchange();
        int status = exchange.responseStatus();
        String route = exchange.routeId();
        return KeyValues.of(RequestKeys.ROUTE.withValue(route == null ? "none" : route),
                RequestKeys.METHOD.withValue(Tags.method(exchange.method())),
                RequestKeys.STATUS.withValue(Tags.statusClass(status)),
                RequestKeys.OUTCOME.withValue(Tags.outcome(status, context.cancelled() && status == 0)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(GatewayRequestContext context) {
        return KeyValues.of(HighCardinalityKeys.PATH.withValue(context.exchange().rawPath()));
    }
}
