package dev.portico.gateway.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the observation of one upstream attempt; replace it to change metric names or tags. */
public interface UpstreamRequestConvention extends ObservationConvention<UpstreamRequestContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof UpstreamRequestContext;
    }
}
