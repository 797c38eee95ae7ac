package dev.portico.gateway.filter.builtin;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * Configuration checks shared by the built-in filters. They run once, when a filter is created, so that a bad
 * header name or path fails at startup with a message naming the property, never on a request.
 */
final class Checks {

    private Checks() {
    }

    /** A required, non-empty string property. */
    static String required(String property, @Nullable String value, String expected) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(property + ": " + quote(value) + " (expected: " + expected + ")");
        }
        return value;
    }

    /** An RFC 9110 field name: one or more token characters. */
    static AsciiString headerName(String property, @Nullable String name) {
        String checked = required(property, name, "a header name");
        for (int i = 0; i < checked.length(); i++) {
            if (!isTokenChar(checked.charAt(i))) {
                throw new IllegalArgumentException(property + ": " + quote(checked)
                        + " (expected: a header name of RFC 9110 token characters: letters, digits and !#$%&'*+-.^_`|~)");
            }
        }
        return AsciiString.of(checked);
    }

    /**
     * A header the filter may add or set: not one that frames the body ({@code Content-Length},
     * {@code Transfer-Encoding}), which the gateway derives from the body it streams.
     */
    static AsciiString settableHeaderName(String property, @Nullable String name) {
        AsciiString header = headerName(property, name);
        if (header.contentEqualsIgnoreCase(HttpHeaderNames.CONTENT_LENGTH)
                || header.contentEqualsIgnoreCase(HttpHeaderNames.TRANSFER_ENCODING)) {
            throw new IllegalArgumentException(property + ": " + quote(name)
                    + " (expected: a header other than Content-Length and Transfer-Encoding, which follow the body)");
        }
        return header;
    }

    /** A settable request header other than {@code Host}, which the proxy controls (see preserve-host). */
    static AsciiString settableRequestHeaderName(String property, @Nullable String name) {
        AsciiString header = settableHeaderName(property, name);
        if (header.contentEqualsIgnoreCase(HttpHeaderNames.HOST)) {
            throw new IllegalArgumentException(property + ": " + quote(name)
                    + " (expected: a header other than Host; the proxy sets Host, use preserve-host to keep the client's)");
        }
        return header;
    }

    /** A header value (may be empty) without CR, LF or other control characters except tab. */
    static String headerValue(String property, @Nullable String value) {
        if (value == null) {
            throw new IllegalArgumentException(property + ": null (expected: a header value, may be empty)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException(property + ": " + quote(value)
                        + " (expected: no CR, LF or other control characters)");
            }
        }
        return value;
    }

    /**
     * A raw path fragment: RFC 3986 path characters (unreserved, sub-delims, {@code :@/}) and well-formed
     * percent-escapes; no {@code ?}, {@code #}, spaces or control characters.
     */
    static void pathChars(String property, String source, String fragment) {
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (c == '%') {
                if (i + 2 >= fragment.length() || !isHex(fragment.charAt(i + 1)) || !isHex(fragment.charAt(i + 2))) {
                    throw new IllegalArgumentException(property + ": " + quote(source)
                            + " has a malformed percent-escape (expected: %XX with two hex digits)");
                }
                i += 2;
            }
            else if (!isPathChar(c)) {
                throw new IllegalArgumentException(property + ": " + quote(source) + " contains " + describe(c)
                        + " (expected: a raw path; percent-encode other characters, no '?' or '#')");
            }
        }
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isPathChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A variable name as route templates allow it: letters, digits, {@code _} or {@code -}. */
    static boolean isVariableName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7f ? String.format("control character U+%04X", (int) c) : "'" + c + "'";
    }

    /** Quotes a value for a message, showing control characters as escapes. */
    static String quote(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }
}
