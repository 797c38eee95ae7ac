package dev.portico.gateway.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a filter built from configuration was made of: its factory's name and the arguments bound onto the factory's
 * config type, in configuration form (kebab-case names, {@code 2s}, {@code 64KB}), defaults included. Binding
 * {@code name: args} again through {@link FilterFactories} makes an equivalent filter.
 *
 * <pre>{@code
 * - strip-prefix: 1   ->   FilterDescription[name=strip-prefix, args={parts=1}]
 * }</pre>
 *
 * @param name the factory's name, e.g. {@code strip-prefix}
 * @param args the bound arguments by property name; empty for a filter that takes none
 */
public record FilterDescription(String name, Map<String, Object> args) {

    public FilterDescription {
        Objects.requireNonNull(name, "name");
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args)); // keeps the config's property order
    }
}
