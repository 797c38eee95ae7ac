package dev.portico.gateway.upstream;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Connect, response and overall timeouts. On an upstream connect and response are set (defaults: connect 5 s,
 * response 30 s) and overall is optional; on a route any may be {@code null}, meaning "the upstream's". The response
 * timeout runs from one attempt's request being sent to its response headers arriving (time to first byte). The
 * overall timeout spans every attempt (retries, backoff, hedges) until response headers are sent to the client. A
 * streaming body after the headers is cut off by neither.
 */
public final class Timeouts {

    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RESPONSE = Duration.ofSeconds(30);
    private static final Timeouts DEFAULTS = new Timeouts(DEFAULT_CONNECT, DEFAULT_RESPONSE, null);
    private static final Timeouts INHERIT = new Timeouts(null, null, null);

    private final @Nullable Duration connect;
    private final @Nullable Duration response;
    private final @Nullable Duration overall;

    private Timeouts(@Nullable Duration connect, @Nullable Duration response, @Nullable Duration overall) {
        check("connect", connect);
        check("response", response);
        check("overall", overall);
        this.connect = connect;
        this.response = response;
        this.overall = overall;
    }

    private static void check(String name, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw InvalidSpecException.withMessage(name + " timeout: " + value + " (expected: > 0)", name,
                    String.valueOf(value), "expected: > 0");
        }
    }

    public static Timeouts of(@Nullable Duration connect, @Nullable Duration response) {
        return of(connect, response, null);
    }

    public static Timeouts of(@Nullable Duration connect, @Nullable Duration response, @Nullable Duration overall) {
        return (connect == null && response == null && overall == null) ? INHERIT
                : new Timeouts(connect, response, overall);
    }

    /** Connect 5 s, response 30 s. */
    public static Timeouts defaults() {
        return DEFAULTS;
    }

    /** Neither set: everything inherited. */
    public static Timeouts inherit() {
        return INHERIT;
    }

    public @Nullable Duration connect() {
        return this.connect;
    }

    public @Nullable Duration response() {
        return this.response;
    }

    /** Budget for all attempts until response headers, or {@code null} for none. */
    public @Nullable Duration overall() {
        return this.overall;
    }

    /** These timeouts with each unset one taken from {@code fallback}. */
    public Timeouts orElse(Timeouts fallback) {
        Duration c = this.connect != null ? this.connect : fallback.connect;
        Duration r = this.response != null ? this.response : fallback.response;
        Duration o = this.overall != null ? this.overall : fallback.overall;
        return (c == fallback.connect && r == fallback.response && o == fallback.overall) ? fallback
                : new Timeouts(c, r, o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeouts t && Objects.equals(this.connect, t.connect) && Objects.equals(this.response, t.response)
                && Objects.equals(this.overall, t.overall);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.connect, this.response, this.overall);
    }

    @Override
    public String toString() {
        return "Timeouts[connect=" + this.connect + ", response=" + this.response + ", overall=" + this.overall + "]";
    }
}
