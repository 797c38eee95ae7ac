package dev.portico.gateway.filter.builtin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for query parameter names and values: every byte outside RFC 3986 "unreserved" becomes
 * {@code %XX}, so a space is {@code %20} (never {@code +}, which servers disagree on) and {@code &}, {@code =} can
 * never split a parameter.
 */
final class QueryEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryEncoding() {
    }

    static String encode(String value) {
        StringBuilder sb = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (isUnreserved(b)) {
                if (sb != null) {
                    sb.append((char) b);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(bytes.length * 3);
                for (int j = 0; j < i; j++) {
                    sb.append((char) bytes[j]);
                }
            }
            sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
        }
        return sb == null ? value : sb.toString();
    }

    /** Form-decodes a raw name or value ({@code +} is a space); a malformed escape decodes to itself. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return raw;
        }
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }
}
