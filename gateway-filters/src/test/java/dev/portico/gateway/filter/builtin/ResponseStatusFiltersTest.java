package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.filter.ResponseFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** set-status and redirect: the two filters that decide the status the client sees. */
class ResponseStatusFiltersTest {

    @Test
    void setStatusOverridesTheUpstreamStatus() {
        GatewayExchange exchange = Exchanges.get("/v1/users");
        exchange.responseStatus(200);
        SetStatusFilter filter = SetStatusFilter.of(410);
        assertThat(filter).isInstanceOf(ResponseFilter.class);
        filter.applyResponse(exchange);
        assertThat(exchange.responseStatus()).isEqualTo(410);
        assertThat(exchange.isResponded()).isFalse();
    }

    @Test
    void setStatusRejectsCodesOutsideHttpRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> SetStatusFilter.of(99))
                .withMessage("status: 99 (expected: 100-599)");
        assertThatIllegalArgumentException().isThrownBy(() -> SetStatusFilter.of(600))
                .withMessage("status: 600 (expected: 100-599)");
        SetStatusFilter.Factory factory = new SetStatusFilter.Factory();
        assertThat(factory.name()).isEqualTo("set-status");
        assertThat(factory.shortcutFields()).containsExactly("status");
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(new SetStatusFilter.Factory.Config()))
                .withMessage("status: null (expected: an HTTP status, 100-599)");
    }

    @Test
    void redirectRespondsLocallyWithLocation() {
        GatewayExchange exchange = Exchanges.get("/old?x=1");
        RedirectFilter filter = RedirectFilter.of("https://example.com/new");
        assertThat(filter).isInstanceOf(InlineFilter.class);
        filter.apply(exchange);
        assertThat(exchange.isResponded()).isTrue();
        assertThat(exchange.responseStatus()).isEqualTo(302);
        assertThat(exchange.responseHeaders().get("location")).isEqualTo("https://example.com/new");
    }

    @Test
    void redirectLocationTakesUriVariables() {
        GatewayExchange exchange = Exchanges.routed("/docs/{page}", "/docs/intro%20page");
        RedirectFilter.of(301, "https://docs.example.com/{page}").apply(exchange);
        assertThat(exchange.responseStatus()).isEqualTo(301);
        assertThat(exchange.responseHeaders().get("Location")).isEqualTo("https://docs.example.com/intro%20page");
    }

    @Test
    void redirectRequiresA3xxStatusAndALocation() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedirectFilter.of(200, "/x"))
                .withMessage("status: 200 (expected: a redirect status, 300-399)");
        assertThatIllegalArgumentException().isThrownBy(() -> RedirectFilter.of(302, "/a b"))
                .withMessageStartingWith("location: '/a b' (expected: a URI without spaces");
        RedirectFilter.Factory factory = new RedirectFilter.Factory();
        assertThat(factory.name()).isEqualTo("redirect");
        assertThat(factory.shortcutFields()).containsExactly("status", "location");
        RedirectFilter.Factory.Config config = new RedirectFilter.Factory.Config();
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("location: null (expected:");
        config.setLocation("/new");
        assertThat(factory.create(config)).hasToString("RedirectFilter[302 /new]");
    }
}
