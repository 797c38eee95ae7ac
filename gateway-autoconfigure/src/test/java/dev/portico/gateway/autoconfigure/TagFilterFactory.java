package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.filter.InlineFilter;

/** A user-style filter factory for tests: adds {@code X-Tag: <value>} (and proves config binding works). */
final class TagFilterFactory implements GatewayFilterFactory<TagFilterFactory.Config> {

    @Override
    public String name() {
        return "tag";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public List<String> shortcutFields() {
        return List.of("value");
    }

    @Override
    public GatewayFilter create(Config config) {
        if (config.getValue().isBlank()) {
            throw new IllegalArgumentException("value: blank (expected a non-empty tag)");
        }
        String value = config.getValue() + (config.getTtl() == null ? "" : ";ttl=" + config.getTtl().toSeconds());
        return (InlineFilter) exchange -> exchange.requestHeaders().set("X-Tag", value);
    }

    public static class Config {

        private String value = "default";

        private Duration ttl;

        public String getValue() {
            return this.value;
        }

        public void setValue(String value) {
            this.value = value;
        }

        public Duration getTtl() {
            return this.ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }
}
