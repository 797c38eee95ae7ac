package dev.portico.gateway.internal;

import io.netty.util.AsciiString;

/** Names of the forwarding headers, shared by the forwarded-headers policy and the filters that strip prefixes. */
public final class ForwardedHeaderNames {

    public static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    public static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    public static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    public static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    public static final AsciiString X_FORWARDED_PREFIX = AsciiString.cached("x-forwarded-prefix");
    public static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    private ForwardedHeaderNames() {
    }
}
