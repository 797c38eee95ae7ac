package dev.portico.gateway.filter.builtin;

import java.util.function.Function;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayFilter;
import org.jspecify.annotations.Nullable;

/**
 * The factory shape shared by the filters that remove one header from the request or the response: shortcut
 * {@code - <filter>: X-Name}. Each filter's {@code Factory} names itself and its constructor.
 */
public abstract class RemoveHeaderFilterFactory extends AbstractFilterFactory<RemoveHeaderFilterFactory.Config> {

    private final Function<@Nullable String, GatewayFilter> constructor;

    RemoveHeaderFilterFactory(String name, Function<@Nullable String, GatewayFilter> constructor) {
        super(name, Config.class, "name");
        this.constructor = constructor;
    }

    @Override
    public GatewayFilter create(Config config) {
        return this.constructor.apply(config.getName());
    }

    /** Configuration of a remove-header filter. */
    public static class Config {

        /** Header name to remove, in any case. Required. */
        private @Nullable String name;

        public @Nullable String getName() {
            return this.name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }
    }
}
