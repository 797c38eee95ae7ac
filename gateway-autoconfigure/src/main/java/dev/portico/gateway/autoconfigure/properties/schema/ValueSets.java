package dev.portico.gateway.autoconfigure.properties.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.portico.gateway.upstream.LoadBalancerSpec;
import dev.portico.gateway.upstream.UpstreamProtocol;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.jspecify.annotations.Nullable;

/**
 * The fixed value sets of string properties, which the properties classes cannot state in their types: taken from
 * the engine's own enums, so a new policy or protocol reaches the schema with no edit here. Keyed by the kebab-case
 * property name (each is unique across {@code portico.*}); the schema test fails if a key no longer matches.
 */
final class ValueSets {

    /** A key source (regex alternatives): a header, a cookie, the client address, the path or the consumer. */
    static final String KEY_SOURCE_PATTERN = "header:.+|cookie:.+|client-ip|path|consumer";

    static final Map<String, List<String>> ENUMS = Map.of(
            "protocol", Arrays.stream(UpstreamProtocol.values()).map(UpstreamProtocol::value).toList(),
            "policy", Arrays.stream(LoadBalancerSpec.Policy.values()).map(LoadBalancerSpec.Policy::configName).toList(),
            "sliding-window-type", Arrays.stream(CircuitBreakerConfig.SlidingWindowType.values())
                    .flatMap(t -> Stream.of(t.name(), t.name().toLowerCase(Locale.ROOT).replace('_', '-')))
                    .toList());

    static final Map<String, String> PATTERNS = Map.of("hash-key", KEY_SOURCE_PATTERN, "sticky", KEY_SOURCE_PATTERN);

    private ValueSets() {
    }

    static @Nullable List<String> enumFor(String property) {
        return ENUMS.get(property);
    }

    static @Nullable String patternFor(String property) {
        return PATTERNS.get(property);
    }
}
