package dev.portico.gateway.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/** Configuration checks of the security filters, run once when a filter is created. */
public final class SecurityChecks {

    private SecurityChecks() {
    }

    /** An RFC 9110 field name. */
    public static AsciiString headerName(String property, @Nullable String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(property + ": " + quote(name) + " (expected: a header name)");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException(property + ": " + quote(name)
                        + " (expected: a header name of RFC 9110 token characters: letters, digits and !#$%&'*+-.^_`|~)");
            }
        }
        return AsciiString.of(name);
    }

    /** A list of header names, each checked, without duplicates (case-insensitive). */
    public static List<AsciiString> headerNames(String property, @Nullable List<String> names) {
        List<AsciiString> checked = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<String> given = names == null ? List.of() : names;
        for (int i = 0; i < given.size(); i++) {
            AsciiString name = headerName(property + "[" + i + "]", given.get(i));
            String lower = name.toString().toLowerCase(Locale.ROOT);
            if (seen.contains(lower)) {
                throw new IllegalArgumentException(property + "[" + i + "]: " + quote(given.get(i))
                        + " is listed twice (expected: distinct header names)");
            }
            seen.add(lower);
            checked.add(name);
        }
        return List.copyOf(checked);
    }

    /** A realm for {@code WWW-Authenticate}: printable, without {@code "} or {@code \}. */
    public static String realm(String property, @Nullable String realm) {
        if (realm == null || realm.isEmpty()) {
            throw new IllegalArgumentException(property + ": " + quote(realm) + " (expected: a non-empty realm)");
        }
        for (int i = 0; i < realm.length(); i++) {
            char c = realm.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                throw new IllegalArgumentException(property + ": " + quote(realm)
                        + " (expected: printable ASCII without '\"' or '\\')");
            }
        }
        return realm;
    }

    public static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    public static String quote(@Nullable String value) {
        return value == null ? "null" : "'" + value.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
