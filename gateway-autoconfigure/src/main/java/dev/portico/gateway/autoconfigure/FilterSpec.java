package dev.portico.gateway.autoconfigure;

import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a {@code filters:} list as written in YAML: the filter's name and its arguments, in any of three
 * forms.
 *
 * <pre>{@code
 * filters:
 *   - preserve-host                                         # name only
 *   - strip-prefix: 1                                       # name: shortcut value
 *   - add-request-header: { name: X-Source, value: edge }   # name: full configuration
 * }</pre>
 *
 * A map with exactly one key, so that Spring Boot binds all three forms; {@link #valueOf(String)} lets the binder
 * turn the bare-name form into an entry.
 */
public final class FilterSpec extends LinkedHashMap<String, @Nullable Object> {

    public FilterSpec() {
    }

    /** The bare-name form: {@code - preserve-host}. */
    public static FilterSpec valueOf(String name) {
        FilterSpec spec = new FilterSpec();
        spec.put(name.trim(), null);
        return spec;
    }

    /** A filter with arguments: a shortcut scalar, or a map of configuration properties. */
    public static FilterSpec of(String name, @Nullable Object arguments) {
        FilterSpec spec = new FilterSpec();
        spec.put(name, arguments);
        return spec;
    }

    /** The filter's name, or {@code null} when the entry does not have exactly one key. */
    public @Nullable String name() {
        return size() == 1 ? keySet().iterator().next() : null;
    }

    /** The arguments: {@code null}, a scalar, or a map. */
    public @Nullable Object arguments() {
        return size() == 1 ? values().iterator().next() : null;
    }
}
