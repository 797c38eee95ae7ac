package dev.portico.gateway.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** The gateway's observations and their keys: what metrics and spans are named and tagged with. */
public enum GatewayObservationDocumentation implements ObservationDocumentation {

    /** One request through the gateway, from routing to the end of the response. */
    REQUEST {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultGatewayRequestConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return RequestKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] { HighCardinalityKeys.PATH };
        }
    },

    /** One attempt to an upstream node; retries and hedges are separate attempts. */
    UPSTREAM {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultUpstreamRequestConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return UpstreamKeys.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] { HighCardinalityKeys.NODE, HighCardinalityKeys.ATTEMPT };
        }
    };

    /** Tags of a request: all from configuration or bounded sets, never from request data. */
    public enum RequestKeys implements KeyName {

        /** The route's id. */
        ROUTE { @Override public String asString() { return "route"; } },

        /** The method, or OTHER for a method outside the standard set. */
        METHOD { @Override public String asString() { return "method"; } },

        /** The status class: 1xx … 5xx, or NONE when nothing was answered. */
        STATUS { @Override public String asString() { return "status"; } },

        /** SUCCESS, REDIRECTION, CLIENT_ERROR, SERVER_ERROR, INFORMATIONAL, CANCELLED (nothing answered) or UNKNOWN. */
        OUTCOME { @Override public String asString() { return "outcome"; } }
    }

    /** Tags of an upstream attempt. */
    public enum UpstreamKeys implements KeyName {

        /** The route's id. */
        ROUTE { @Override public String asString() { return "route"; } },

        /** The upstream's name. */
        UPSTREAM { @Override public String asString() { return "upstream"; } },

        /** The method, or OTHER. */
        METHOD { @Override public String asString() { return "method"; } },

        /** The upstream's status class, or NONE when it did not answer. */
        STATUS { @Override public String asString() { return "status"; } },

        /** As for requests; CANCELLED for a lost hedge race or a client that went away before an answer. */
        OUTCOME { @Override public String asString() { return "outcome"; } }
    }

    /** Span-only tags: too many values for metrics. */
    public enum HighCardinalityKeys implements KeyName {

        /** The request path as sent. */
        PATH { @Override public String asString() { return "http.path"; } },

        /** The node's URI. */
        NODE { @Override public String asString() { return "node"; } },

        /** The attempt's number, from 1. */
        ATTEMPT { @Override public String asString() { return "attempt"; } }
    }
}
