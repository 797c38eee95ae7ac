package dev.portico.gateway.filter;

import java.util.List;
import java.util.Objects;

/**
 * A {@link GatewayFilterFactory} whose name, configuration type and shortcut fields are given once, in the
 * constructor, so that a factory only says how it creates its filter:
 *
 * <pre>{@code
 * public final class TagFilterFactory extends AbstractFilterFactory<TagFilterFactory.Config> {
 *
 *     public TagFilterFactory() {
 *         super("tag", Config.class, "value"); // - tag: edge
 *     }
 *
 *     @Override
 *     public GatewayFilter create(Config config) {
 *         return (InlineFilter) exchange -> exchange.requestHeaders().set("X-Tag", config.getValue());
 *     }
 * }
 * }</pre>
 */
public abstract class AbstractFilterFactory<C> implements GatewayFilterFactory<C> {

    private final String name;
    private final Class<C> configType;
    private final List<String> shortcutFields;

    protected AbstractFilterFactory(String name, Class<C> configType, String... shortcutFields) {
        this.name = Objects.requireNonNull(name, "name");
        this.configType = Objects.requireNonNull(configType, "configType");
        this.shortcutFields = List.of(shortcutFields);
    }

    @Override
    public final String name() {
        return this.name;
    }

    @Override
    public final Class<C> configType() {
        return this.configType;
    }

    @Override
    public final List<String> shortcutFields() {
        return this.shortcutFields;
    }
}
