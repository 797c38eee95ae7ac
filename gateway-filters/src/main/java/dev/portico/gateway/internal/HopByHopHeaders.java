package dev.portico.gateway.internal;

import java.util.List;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * Removes hop-by-hop headers (RFC 9110 §7.6.1): the fixed set below and every header named in {@code Connection}.
 * They describe one connection, so a proxy must not forward them; Netty re-frames bodies on each side.
 */
public final class HopByHopHeaders {

    private static final List<AsciiString> FIXED = List.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
            AsciiString.cached("proxy-connection"), HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE, HttpHeaderNames.PROXY_AUTHORIZATION,
            HttpHeaderNames.PROXY_AUTHENTICATE);

    private HopByHopHeaders() {
    }

    /** Removes hop-by-hop headers in place. */
    public static void strip(HttpHeaders headers) {
        if (headers.isEmpty()) {
            return;
        }
        for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
            int start = 0;
            while (start < connection.length()) {
                int comma = connection.indexOf(',', start);
                int end = comma < 0 ? connection.length() : comma;
                String name = connection.substring(start, end).trim();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
                start = end + 1;
            }
        }
        for (AsciiString name : FIXED) {
            headers.remove(name);
        }
    }
}
