package dev.portico.gateway.route;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a route answers when its upstream cannot: the circuit is open, no node is healthy, or the attempts ended in a
 * 502, 503 or 504 before anything reached the client. Either a fixed response (a degraded-mode body) or another
 * upstream (a stand-by, a cache service). The response carries {@code X-Portico-Fallback} with the original status.
 * An upstream's own 5xx responses are not replaced: they reach the client as sent.
 */
public final class Fallback {

    private final @Nullable String upstream;
    private final int status;
    private final String contentType;
    private final String body;

    private Fallback(@Nullable String upstream, int status, String contentType, String body) {
        this.upstream = upstream;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    /** A fixed response, e.g. {@code Fallback.response(200, "application/json", "{\"items\":[]}")}. */
    public static Fallback response(int status, String contentType, String body) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("fallback status: " + status + " (expected: 200-599)");
        }
        return new Fallback(null, status, Objects.requireNonNull(contentType, "contentType"),
                Objects.requireNonNull(body, "body"));
    }

    /** Another upstream, tried once with the same request (which must have no body, or a body not yet read). */
    public static Fallback upstream(String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("fallback upstream name is blank");
        }
        return new Fallback(name, 0, "", "");
    }

    /** The fallback upstream, or {@code null} for a fixed response. */
    public @Nullable String upstream() {
        return this.upstream;
    }

    public int status() {
        return this.status;
    }

    public String contentType() {
        return this.contentType;
    }

    public String body() {
        return this.body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fallback f && Objects.equals(f.upstream, this.upstream) && f.status == this.status
                && f.contentType.equals(this.contentType) && f.body.equals(this.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.upstream, this.status, this.body);
    }

    @Override
    public String toString() {
        return this.upstream != null ? "Fallback[upstream " + this.upstream + "]" : "Fallback[" + this.status + "]";
    }
}
