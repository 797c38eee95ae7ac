package dev.portico.gateway.security.acl;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.security.SecurityOrder;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerRestrictionFilterTests {

    static GatewayExchange as(String id, String... groups) {
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/admin");
        exchange.attr(GatewayAttributes.CONSUMER, new Consumer(id, Set.of(groups), Map.of()));
        return exchange;
    }

    static void assertStatus(ConsumerRestrictionFilter filter, GatewayExchange exchange, int status) {
        assertThatThrownBy(() -> filter.apply(exchange))
                .isInstanceOfSatisfying(GatewayException.class, ex -> assertThat(ex.status()).isEqualTo(status));
    }

    @Test
    void withoutAConsumerIs401() {
        ConsumerRestrictionFilter filter = ConsumerRestrictionFilter.builder().allow("alice").build();
        assertStatus(filter, GatewayExchange.of(HttpMethod.GET, "/admin"), 401);
    }

    @Test
    void allowListsByIdAndByGroup() {
        ConsumerRestrictionFilter filter = ConsumerRestrictionFilter.builder().allow("alice").allowGroups("admins")
                .build();
        filter.apply(as("alice"));
        filter.apply(as("bob", "admins", "ops"));
        assertStatus(filter, as("carol", "ops"), 403);
        assertStatus(filter, as("dave"), 403);
    }

    @Test
    void denyWinsOverAllowAndDenyAloneAllowsEveryoneElse() {
        ConsumerRestrictionFilter filter = ConsumerRestrictionFilter.builder().allowGroups("admins").deny("mallory")
                .denyGroups("suspended").build();
        assertStatus(filter, as("mallory", "admins"), 403);
        assertStatus(filter, as("bob", "admins", "suspended"), 403);
        filter.apply(as("bob", "admins"));
        ConsumerRestrictionFilter denyOnly = ConsumerRestrictionFilter.builder().deny("mallory").build();
        denyOnly.apply(as("anyone"));
        assertStatus(denyOnly, as("mallory"), 403);
    }

    @Test
    void runsAfterAuthentication() {
        assertThat(ConsumerRestrictionFilter.builder().deny("x").build().getOrder())
                .isEqualTo(SecurityOrder.AUTHORIZATION).isGreaterThan(SecurityOrder.AUTHENTICATION);
    }

    @Test
    void factoryValidates() {
        ConsumerRestrictionFilter.Factory factory = new ConsumerRestrictionFilter.Factory();
        ConsumerRestrictionFilter.Factory.Config config = new ConsumerRestrictionFilter.Factory.Config();
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("allow: [] (expected: at least one of");
        config.setAllow(List.of("alice"));
        config.setDeny(List.of("alice"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessage("deny: 'alice' is also allowed (expected: a name in either the allow or the deny list)");
        config.setDeny(List.of(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("deny[0]: ' '");
        config.setDeny(List.of());
        ((ConsumerRestrictionFilter) factory.create(config)).apply(as("alice"));
    }
}
