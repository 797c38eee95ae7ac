package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreserveHostFilterTest {

    @Test
    void marksTheExchangeToKeepTheClientsHost() {
        GatewayExchange exchange = Exchanges.get("/");
        assertThat(exchange.preserveHost()).isFalse();
        PreserveHostFilter.of().apply(exchange);
        assertThat(exchange.preserveHost()).isTrue();
    }

    @Test
    void factoryTakesNoConfigAndSharesOneInstance() {
        PreserveHostFilter.Factory factory = new PreserveHostFilter.Factory();
        assertThat(factory.name()).isEqualTo("preserve-host");
        assertThat(factory.shortcutFields()).isEmpty();
        assertThat(factory.configType()).isEqualTo(GatewayFilterFactory.NoConfig.class);
        assertThat(factory.create(new GatewayFilterFactory.NoConfig())).isSameAs(PreserveHostFilter.of());
    }
}
