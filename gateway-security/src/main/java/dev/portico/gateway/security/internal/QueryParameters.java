package dev.portico.gateway.security.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/** Reads one parameter of a raw query without building a map. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * The decoded value of the first parameter named {@code name} (raw or percent-encoded), {@code ""} for a name
     * without {@code =}, or {@code null} when absent. A malformed escape leaves the value as sent.
     */
    public static @Nullable String first(@Nullable String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        int len = query.length();
        int start = 0;
        while (start <= len) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            int eq = query.indexOf('=', start);
            int nameEnd = (eq < 0 || eq > end) ? end : eq;
            if (nameMatches(query, start, nameEnd, name)) {
                return nameEnd == end ? "" : decode(query.substring(nameEnd + 1, end));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return null;
    }

    private static boolean nameMatches(String query, int start, int end, String name) {
        int length = end - start;
        if (length == name.length() && query.regionMatches(start, name, 0, length)) {
            return true;
        }
        for (int i = start; i < end; i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+') {
                return decode(query.substring(start, end)).equals(name);
            }
        }
        return false;
    }

    private static String decode(String raw) {
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
}
