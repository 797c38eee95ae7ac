package dev.portico.gateway.upstream;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Connect and response timeouts. On an upstream both are set (defaults: connect 5 s, response 30 s); on a route
 * either may be {@code null}, meaning "the upstream's". The response timeout runs from the request being sent to the
 * response headers arriving (time to first byte); a streaming body after that is not cut off.
 */
public final class Timeouts {

    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RESPONSE = Duration.ofSeconds(30);
    private static final Timeouts DEFAULTS = new Timeouts(DEFAULT_CONNECT, DEFAULT_RESPONSE);
    private static final Timeouts INHERIT = new Timeouts(null, null);

    private final @Nullable Duration connect;
    private final @Nullable Duration response;

    private Timeouts(@Nullable Duration connect, @Nullable Duration response) {
        check("connect", connect);
        check("response", response);
        this.connect = connect;
        this.response = response;
    }

    private static void check(String name, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " timeout: " + value + " (expected: > 0)");
        }
    }

    public static Timeouts of(@Nullable Duration connect, @Nullable Duration response) {
        return (connect == null && response == null) ? INHERIT : new Timeouts(connect, response);
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

    /** These timeouts with each unset one taken from {@code fallback}. */
    public Timeouts orElse(Timeouts fallback) {
        Duration c = this.connect != null ? this.connect : fallback.connect;
        Duration r = this.response != null ? this.response : fallback.response;
        return (c == fallback.connect && r == fallback.response) ? fallback : new Timeouts(c, r);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeouts t && Objects.equals(this.connect, t.connect) && Objects.equals(this.response, t.response);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.connect, this.response);
    }

    @Override
    public String toString() {
        return "Timeouts[connect=" + this.connect + ", response=" + this.response + "]";
    }
}
