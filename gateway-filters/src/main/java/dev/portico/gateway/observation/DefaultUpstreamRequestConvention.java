package dev.portico.gateway.observation;

import dev.portico.gateway.observation.GatewayObservationDocumentation.HighCardinalityKeys;
import dev.portico.gateway.observation.GatewayObservationDocumentation.UpstreamKeys;
import io.micrometer.common.KeyValues;

/**
 * {@code portico.upstream.requests}, tagged {@code route}, {@code upstream}, {@code method}, {@code status} and
 * {@code outcome} (Micrometer's meter handler adds {@code error}); spans also get {@code node} and {@code attempt}.
 */
public class DefaultUpstreamRequestConvention implements UpstreamRequestConvention {

    /** The metric and observation name. */
    public static final String NAME = "portico.upstream.requests";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(UpstreamRequestContext context) {
        return "upstream " + Tags.lower(context.exchange().method()) + " " + context.upstream();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(UpstreamRequestContext context) {
        String route = context.exchange().routeId();
        return KeyValues.of(UpstreamKeys.ROUTE.withValue(route == null ? "none" : route),
                UpstreamKeys.UPSTREAM.withValue(context.upstream()),
                UpstreamKeys.METHOD.withValue(Tags.method(context.exchange().method())),
                UpstreamKeys.STATUS.withValue(Tags.statusClass(context.status())),
                // a cancel after the upstream answered (the client took the body, or left) keeps the answer's outcome
                UpstreamKeys.OUTCOME.withValue(Tags.outcome(context.status(),
                        context.cancelled() && context.status() == 0)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(UpstreamRequestContext context) {
        return KeyValues.of(HighCardinalityKeys.NODE.withValue(context.node()),
                HighCardinalityKeys.ATTEMPT.withValue(Integer.toString(context.attempt())));
    }
}
