package dev.portico.gateway.testing;

import java.util.Map;

/**
 * Parses problem+json bodies in tests. The module has no JSON library of its own; the one shaded into
 * wiremock-standalone (test scope) does the parsing, and only plain Java types leave this class.
 */
public final class Problems {

    private static final wiremock.com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new wiremock.com.fasterxml.jackson.databind.ObjectMapper();

    private Problems() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String json) {
        try {
            return MAPPER.readValue(json, Map.class);
        }
        catch (Exception ex) {
            throw new AssertionError("not a JSON object: " + json, ex);
        }
    }
}
