package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PrefixPathFilterTest {

    @Test
    void prependsThePrefix() {
        GatewayExchange exchange = Exchanges.get("/users/7?x=1");
        PrefixPathFilter.of("/v1").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/v1/users/7");
        assertThat(exchange.upstreamQuery()).isEqualTo("x=1");
    }

    @Test
    void rootBecomesPrefixWithSlash() {
        GatewayExchange exchange = Exchanges.get("/");
        PrefixPathFilter.of("/v1/api").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/v1/api/");
    }

    @Test
    void composesWithStripPrefix() {
        GatewayExchange exchange = Exchanges.get("/api/users");
        StripPrefixFilter.of(1).apply(exchange);
        PrefixPathFilter.of("/internal").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/internal/users");
    }

    @Test
    void rejectsPrefixWithoutLeadingSlashOrWithTrailingSlash() {
        assertThatIllegalArgumentException().isThrownBy(() -> PrefixPathFilter.of("v1"))
                .withMessage("prefix: 'v1' (expected: a path that starts with '/' and does not end with '/', e.g. /v1)");
        assertThatIllegalArgumentException().isThrownBy(() -> PrefixPathFilter.of("/v1/"))
                .withMessageStartingWith("prefix: '/v1/' (expected:");
        assertThatIllegalArgumentException().isThrownBy(() -> PrefixPathFilter.of("/"))
                .withMessageStartingWith("prefix: '/' (expected:");
    }

    @Test
    void rejectsCharactersThatAreNotPathCharacters() {
        assertThatIllegalArgumentException().isThrownBy(() -> PrefixPathFilter.of("/v1?x=1"))
                .withMessageStartingWith("prefix: '/v1?x=1' contains '?'");
        assertThatIllegalArgumentException().isThrownBy(() -> PrefixPathFilter.of("/a b"))
                .withMessageStartingWith("prefix: '/a b' contains ' '");
        assertThatIllegalArgumentException().isThrownBy(() -> PrefixPathFilter.of("/a%2"))
                .withMessageContaining("malformed percent-escape");
        assertThat(PrefixPathFilter.of("/a%20b").prefix()).isEqualTo("/a%20b");
    }

    @Test
    void factoryRequiresPrefix() {
        PrefixPathFilter.Factory factory = new PrefixPathFilter.Factory();
        assertThat(factory.name()).isEqualTo("prefix-path");
        assertThat(factory.shortcutFields()).containsExactly("prefix");
        PrefixPathFilter.Factory.Config config = new PrefixPathFilter.Factory.Config();
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessage("prefix: null (expected: a path such as /v1)");
        config.setPrefix("/v2");
        assertThat(factory.create(config)).hasToString("PrefixPathFilter[prefix=/v2]");
    }
}
