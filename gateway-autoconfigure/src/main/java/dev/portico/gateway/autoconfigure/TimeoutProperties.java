package dev.portico.gateway.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Timeouts; each unset one is inherited: a route's from its upstream, an upstream's from the engine's defaults. See
 * docs/resilience.md#timeouts.
 */
public class TimeoutProperties {

    /** Time allowed to open a connection to a node. Default: 5s. */
    private @Nullable Duration connect;

    /** Time from sending the request until the response headers arrive. Default: 30s. */
    private @Nullable Duration response;

    /** Budget for all attempts (retries, backoff, hedges) until response headers; unset for none. */
    private @Nullable Duration overall;

    public @Nullable Duration getConnect() {
        return this.connect;
    }

    public void setConnect(@Nullable Duration connect) {
        this.connect = connect;
    }

    public @Nullable Duration getResponse() {
        return this.response;
    }

    public void setResponse(@Nullable Duration response) {
        this.response = response;
    }

    public @Nullable Duration getOverall() {
        return this.overall;
    }

    public void setOverall(@Nullable Duration overall) {
        this.overall = overall;
    }
}
