package dev.portico.gateway.filter.builtin;

import java.util.function.BiFunction;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayFilter;
import org.jspecify.annotations.Nullable;

/**
 * The factory shape shared by the filters that add or set one header on the request or the response: a name and a
 * value, shortcut {@code - <filter>: X-Name, value}. Each filter's {@code Factory} names itself and its constructor.
 */
public abstract class HeaderFilterFactory extends AbstractFilterFactory<HeaderFilterFactory.Config> {

    private final BiFunction<@Nullable String, @Nullable String, GatewayFilter> constructor;

    HeaderFilterFactory(String name, BiFunction<@Nullable String, @Nullable String, GatewayFilter> constructor) {
        super(name, Config.class, "name", "value");
        this.constructor = constructor;
    }

    @Override
    public GatewayFilter create(Config config) {
        return this.constructor.apply(config.getName(), config.getValue());
    }

    /** Configuration of a header filter. */
    public static class Config {

        /** Header name (RFC 9110 token characters). Required. */
        private @Nullable String name;

        /** Header value; {name} placeholders take the route's URI variables. Required (may be empty). */
        private @Nullable String value;

        public @Nullable String getName() {
            return this.name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public @Nullable String getValue() {
            return this.value;
        }

        public void setValue(@Nullable String value) {
            this.value = value;
        }
    }
}
