package dev.portico.gateway.security.identity;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;

import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.security.SecurityOrder;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentityHeadersFilterTests {

    static GatewayExchange spoofed() {
        return GatewayExchange.of(HttpMethod.GET, "/x", new DefaultHttpHeaders().add("X-Consumer-Id", "admin")
                .add("x-consumer-id", "root").add("X-Consumer-Groups", "admins"), new InetSocketAddress("10.0.0.1", 1));
    }

    @Test
    void stripsEveryClientCopyWhenNoConsumerWasAuthenticated() {
        GatewayExchange exchange = spoofed();
        IdentityHeadersFilter.of(IdentityHeaders.defaults()).apply(exchange);
        assertThat(exchange.requestHeaders().contains("X-Consumer-Id")).isFalse();
        assertThat(exchange.requestHeaders().contains("X-Consumer-Groups")).isFalse();
    }

    @Test
    void setsTheAuthenticatedConsumer() {
        GatewayExchange exchange = spoofed();
        exchange.attr(GatewayAttributes.CONSUMER, new Consumer("jwt-user", Set.of("b", "a"), Map.of()));
        IdentityHeadersFilter filter = IdentityHeadersFilter.of(IdentityHeaders.of("X-Consumer-Id", "X-Consumer-Groups"));
        filter.apply(exchange);
        assertThat(exchange.requestHeaders().getAll("X-Consumer-Id")).containsExactly("jwt-user");
        assertThat(exchange.requestHeaders().getAll("X-Consumer-Groups")).containsExactly("a,b");
        assertThat(filter.getOrder()).isEqualTo(SecurityOrder.IDENTITY_HEADERS);
    }

    @Test
    void anEmptyNameTurnsAHeaderOff() {
        assertThat(IdentityHeaders.of("X-User", "").names()).containsExactly("X-User");
        assertThatIllegalArgumentException().isThrownBy(() -> IdentityHeaders.of("X-User", "x-user"))
                .withMessageStartingWith("groups: 'x-user'");
    }

    @Test
    void factoryShortcutSetsBothNames() {
        IdentityHeadersFilter.Factory factory = new IdentityHeadersFilter.Factory();
        assertThat(factory.name()).isEqualTo("identity-headers");
        assertThat(factory.shortcutFields()).containsExactly("id", "groups");
        IdentityHeaders.Config config = new IdentityHeaders.Config();
        config.setId("X-User");
        GatewayExchange exchange = spoofed();
        exchange.requestHeaders().add("X-User", "forged");
        ((IdentityHeadersFilter) factory.create(config)).apply(exchange);
        assertThat(exchange.requestHeaders().contains("X-User")).isFalse();
        assertThat(exchange.requestHeaders().contains("X-Consumer-Groups")).isFalse();
    }
}
