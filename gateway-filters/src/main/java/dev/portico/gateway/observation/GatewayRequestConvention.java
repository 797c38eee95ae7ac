package dev.portico.gateway.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the observation of a request through the gateway; replace it to change metric names or tags. */
public interface GatewayRequestConvention extends ObservationConvention<GatewayRequestContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof GatewayRequestContext;
    }
}
