package dev.portico.gateway.filter;

import java.util.List;
import java.util.Objects;

/**
 * Makes a named filter from its typed configuration: what a {@code filters:} entry in YAML refers to. Built-in
 * filters have one each; a user's own filter is a Spring bean implementing this interface.
 *
 * <pre>{@code
 * @Component
 * class AuditFilterFactory implements GatewayFilterFactory<AuditFilterFactory.Config> {
 *     public String name() { return "audit"; }
 *     public Class<Config> configType() { return Config.class; }
 *     public GatewayFilter create(Config config) { return new AuditFilter(config.getCategory()); }
 *     public static class Config { private String category = "default"; ... }
 * }
 * }</pre>
 *
 * <pre>{@code
 * filters:
 *   - audit                          # no arguments: the config's defaults
 *   - audit: payments                # shortcut: the value goes to shortcutFields()
 *   - audit: { category: payments }  # full form: bound onto the config type
 * }</pre>
 *
 * The configuration is bound with Spring Boot's binder (relaxed names, {@code Duration}, {@code DataSize}...), so the
 * config type is a JavaBean or a record. {@link #create} runs once when routes compile: validate there and throw
 * {@link IllegalArgumentException} with a message that says what is expected; the gateway adds the route and
 * property to it.
 *
 * @param <C> the configuration type
 */
public interface GatewayFilterFactory<C> {

    /** The name used in YAML, lower-case and hyphenated, e.g. {@code strip-prefix}. */
    String name();

    /** The configuration type the arguments are bound to. */
    Class<C> configType();

    /**
     * The config properties a scalar argument fills, in order: {@code strip-prefix: 2} sets {@code parts}. With more
     * than one field, the scalar is split at commas: {@code add-request-header: X-Source, edge}.
     */
    default List<String> shortcutFields() {
        return List.of();
    }

    /** Builds the filter; called once per route when routes compile. */
    GatewayFilter create(C config);

    /** A factory for a filter without configuration: {@code GatewayFilterFactory.of("audit", new AuditFilter())}. */
    static GatewayFilterFactory<NoConfig> of(String name, GatewayFilter filter) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(filter, "filter");
        return new GatewayFilterFactory<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Class<NoConfig> configType() {
                return NoConfig.class;
            }

            @Override
            public GatewayFilter create(NoConfig config) {
                return filter;
            }
        };
    }

    /** The configuration of a filter that takes none. */
    final class NoConfig {
    }
}
