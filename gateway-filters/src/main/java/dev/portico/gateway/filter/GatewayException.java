package dev.portico.gateway.filter;

import org.jspecify.annotations.Nullable;

/**
 * An error with an HTTP status that ends an exchange with an RFC 9457 problem response. Filters throw it (or return
 * it in a failed {@code Mono}) to reject a request: {@code throw new GatewayException(403, "Forbidden", "no key")}.
 * Stack traces are not filled: these are expected outcomes, not bugs.
 */
public class GatewayException extends RuntimeException {

    private final int status;
    private final String title;

    public GatewayException(int status, String title, @Nullable String detail) {
        this(status, title, detail, null);
    }

    public GatewayException(int status, String title, @Nullable String detail, @Nullable Throwable cause) {
        super(detail, cause, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 400-599)");
        }
        this.status = status;
        this.title = title;
    }

    public int status() {
        return this.status;
    }

    /** A short, fixed summary of the problem type, e.g. "Bad Gateway". */
    public String title() {
        return this.title;
    }

    /** What happened in this occurrence, or {@code null}. */
    public @Nullable String detail() {
        return getMessage();
    }
}
