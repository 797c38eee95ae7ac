package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.route.Route;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SetPathFilterTest {

    @Test
    void fillsTemplateFromPathVariables() {
        GatewayExchange exchange = Exchanges.routed("/shop/{id}", "/shop/42?x=1");
        SetPathFilter.of("/v2/items/{id}").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/v2/items/42");
        assertThat(exchange.upstreamQuery()).isEqualTo("x=1");
    }

    @Test
    void insertsVariablesRawAsSent() {
        GatewayExchange exchange = Exchanges.routed("/files/{name}", "/files/a%20b");
        SetPathFilter.of("/blob/{name}").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/blob/a%20b");
    }

    @Test
    void fillsTemplateFromHostVariables() {
        GatewayExchange exchange = Exchanges.routed("{tenant}.example.com", "/items/{id}", "acme.example.com", "/items/7");
        SetPathFilter.of("/tenants/{tenant}/items/{id}").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/tenants/acme/items/7");
    }

    @Test
    void constantTemplateNeedsNoRoute() {
        GatewayExchange exchange = Exchanges.get("/anything");
        SetPathFilter.of("/health").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/health");
    }

    @Test
    void unknownVariableIsA500NamingIt() {
        GatewayExchange exchange = Exchanges.routed("/shop/{id}", "/shop/42");
        SetPathFilter filter = SetPathFilter.of("/v2/{sku}");
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> filter.apply(exchange))
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(500))
                .withMessage("set-path '/v2/{sku}': route 'r' captures no URI variable 'sku' (expected one of [id])");
    }

    @Test
    void variableThatMakesADotSegmentIsABadRequest() {
        // a path-regex group can capture part of a segment: ".." out of "/x/..a"
        GatewayExchange exchange = Exchanges.get("/x/..a");
        Route routedBy = Route.builder("r").match(m -> m.pathRegex("/x/(?<dots>\\.\\.)a")).uri("http://127.0.0.1:1").build();
        exchange.routed(routedBy.id(), routedBy.match().variables());
        assertThat(exchange.uriVariables()).containsEntry("dots", "..");
        SetPathFilter filter = SetPathFilter.of("/y/{dots}");
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> filter.apply(exchange))
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(400));
    }

    @Test
    void rejectsInvalidTemplates() {
        assertThatIllegalArgumentException().isThrownBy(() -> SetPathFilter.of("v2/{id}"))
                .withMessage("template: 'v2/{id}' (expected: a path that starts with '/', e.g. /v2/items/{id})");
        assertThatIllegalArgumentException().isThrownBy(() -> SetPathFilter.of("/v2/{id"))
                .withMessage("template: '/v2/{id' has an unclosed '{' at index 4 (expected: {name}, or {{ for a literal '{')");
        assertThatIllegalArgumentException().isThrownBy(() -> SetPathFilter.of("/v2/{a b}"))
                .withMessageStartingWith("template: '/v2/{a b}' has variable '{a b}' (expected: {name} with letters");
        assertThatIllegalArgumentException().isThrownBy(() -> SetPathFilter.of("/v2?x={id}"))
                .withMessageStartingWith("template: '/v2?x={id}' contains '?'");
    }

    @Test
    void factoryRequiresTemplate() {
        SetPathFilter.Factory factory = new SetPathFilter.Factory();
        assertThat(factory.name()).isEqualTo("set-path");
        assertThat(factory.shortcutFields()).containsExactly("template");
        SetPathFilter.Factory.Config config = new SetPathFilter.Factory.Config();
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessage("template: null (expected: a path such as /v2/items/{id})");
        config.setTemplate("/v2/{id}");
        assertThat(factory.create(config)).hasToString("SetPathFilter[template=/v2/{id}]");
    }
}
