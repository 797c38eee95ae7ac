package dev.portico.gateway.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Scans a raw query string or {@code Cookie} headers for one name without building a map: route predicates look up
 * one or two names, so parsing everything per request would be waste.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** The first value of {@code name} in a raw query ({@code ""} for a bare {@code name}), decoded; or null. */
    public static @Nullable String first(@Nullable String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        int start = 0;
        int len = rawQuery.length();
        while (start <= len) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            int eq = rawQuery.indexOf('=', start);
            int nameEnd = (eq < 0 || eq > end) ? end : eq;
            if (nameEnd - start == name.length() && rawQuery.regionMatches(start, name, 0, name.length())) {
                return nameEnd == end ? "" : decode(rawQuery.substring(nameEnd + 1, end));
            }
            if (amp < 0) {
                return null;
            }
            start = amp + 1;
        }
        return null;
    }

    private static String decode(String value) {
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0) {
            return value;
        }
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return value; // malformed escapes compare as sent
        }
    }

    /** The value of cookie {@code name} from the request's {@code Cookie} headers, or null. */
    public static @Nullable String cookie(HttpHeaders headers, String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            int start = 0;
            int len = header.length();
            while (start < len) {
                while (start < len && (header.charAt(start) == ' ' || header.charAt(start) == ';')) {
                    start++;
                }
                int semi = header.indexOf(';', start);
                int end = semi < 0 ? len : semi;
                int eq = header.indexOf('=', start);
                if (eq > 0 && eq < end && eq - start == name.length()
                        && header.regionMatches(start, name, 0, name.length())) {
                    String value = header.substring(eq + 1, end).trim();
                    if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value;
                }
                start = end + 1;
            }
        }
        return null;
    }
}
