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
    private final java.util.Map<String, String> headers;

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
        this.headers = java.util.Map.of();
    }

    private GatewayException(GatewayException base, java.util.Map<String, String> headers) {
        super(base.getMessage(), base.getCause(), false, false);
        this.status = base.status;
        this.title = base.title;
        this.headers = java.util.Map.copyOf(headers);
    }

    /** 413: the request body is larger than {@code maxBytes}. */
    public static GatewayException contentTooLarge(long maxBytes) {
        return new GatewayException(413, "Content Too Large", "request body exceeds " + maxBytes + " bytes");
    }

    /** A copy that also sends this response header with the problem, e.g. {@code Retry-After}. */
    public GatewayException withHeader(String name, String value) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(this.headers);
        all.put(name, value);
        return new GatewayException(this, all);
    }

    /** Extra response headers for the problem response. */
    public java.util.Map<String, String> headers() {
        return this.headers;
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
