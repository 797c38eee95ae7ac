package dev.portico.gateway.upstream;

import java.util.Locale;

/**
 * The HTTP version the gateway speaks to an upstream's nodes. Clients of the gateway are unaffected: a client on
 * HTTP/1.1 may be proxied to an HTTP/2 upstream and back.
 */
public enum UpstreamProtocol {

    /** HTTP/1.1, over TLS for {@code https} nodes (the default). */
    HTTP1_1("http1.1"),

    /**
     * HTTP/2 over TLS, offered with ALPN next to HTTP/1.1: a node that does not select {@code h2} is spoken to in
     * HTTP/1.1 on that connection. Every node must be {@code https}.
     */
    H2("h2"),

    /**
     * HTTP/2 over cleartext with prior knowledge (RFC 9113 §3.3): the first bytes on the connection are the HTTP/2
     * preface, with no upgrade from HTTP/1.1 and no fallback. Every node must be {@code http}.
     */
    H2C("h2c");

    private final String value;

    UpstreamProtocol(String value) {
        this.value = value;
    }

    /** Parses {@code http1.1} ({@code http/1.1} too), {@code h2} or {@code h2c}, ignoring case. */
    public static UpstreamProtocol parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "http1.1", "http/1.1", "http1_1", "http11":
                return HTTP1_1;
            case "h2":
                return H2;
            case "h2c":
                return H2C;
            default:
                throw new IllegalArgumentException("protocol '" + value + "' (expected: http1.1, h2 or h2c)");
        }
    }

    /** The name as configured: {@code http1.1}, {@code h2} or {@code h2c}. */
    public String value() {
        return this.value;
    }

    @Override
    public String toString() {
        return this.value;
    }
}
