package dev.portico.gateway.autoconfigure.properties.schema;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The forms of string properties that their Java type cannot state: key sources, which are open-ended text of a
 * fixed shape. Fixed value sets are enum-typed properties instead, whose values the generator takes from the enum
 * ({@link dev.portico.gateway.autoconfigure.properties.EnumValues}). Keyed by the kebab-case property name (each is
 * unique across {@code portico.*}); the schema test fails if a key no longer matches.
 */
final class ValueSets {

    /** A key source (regex alternatives): a header, a cookie, the client address, the path or the consumer. */
    static final String KEY_SOURCE_PATTERN = "header:.+|cookie:.+|client-ip|path|consumer";

    static final Map<String, String> PATTERNS = Map.of("hash-key", KEY_SOURCE_PATTERN, "sticky", KEY_SOURCE_PATTERN);

    private ValueSets() {
    }

    static @Nullable String patternFor(String property) {
        return PATTERNS.get(property);
    }
}
