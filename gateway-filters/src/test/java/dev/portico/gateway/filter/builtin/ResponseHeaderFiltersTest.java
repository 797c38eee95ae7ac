package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.ResponseFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ResponseHeaderFiltersTest {

    private static GatewayExchange answered() {
        GatewayExchange exchange = Exchanges.get("/api/users");
        exchange.responseStatus(200);
        exchange.responseHeaders().add("X-Powered-By", "upstream").add("Cache-Control", "max-age=60");
        return exchange;
    }

    @Test
    void addKeepsValuesTheUpstreamSent() {
        GatewayExchange exchange = answered();
        ResponseHeaderFilter.add("Cache-Control", "private").applyResponse(exchange);
        assertThat(exchange.responseHeaders().getAll("cache-control")).containsExactly("max-age=60", "private");
    }

    @Test
    void setReplacesEveryValueTheUpstreamSent() {
        GatewayExchange exchange = answered();
        ResponseHeaderFilter.set("cache-control", "no-store").applyResponse(exchange);
        assertThat(exchange.responseHeaders().getAll("Cache-Control")).containsExactly("no-store");
    }

    @Test
    void removeDropsTheHeader() {
        GatewayExchange exchange = answered();
        RemoveResponseHeaderFilter.of("x-powered-by").applyResponse(exchange);
        assertThat(exchange.responseHeaders().contains("X-Powered-By")).isFalse();
        assertThat(exchange.responseStatus()).isEqualTo(200);
    }

    @Test
    void valueTakesUriVariables() {
        GatewayExchange exchange = Exchanges.routed("/users/{id}", "/users/7");
        ResponseHeaderFilter.set("Content-Location", "/users/{id}").applyResponse(exchange);
        assertThat(exchange.responseHeaders().get("Content-Location")).isEqualTo("/users/7");
    }

    @Test
    void areResponseFiltersSoTheProxyRunsThemOnTheResponse() {
        assertThat(ResponseHeaderFilter.add("A", "b")).isInstanceOf(ResponseFilter.class);
        assertThat(ResponseHeaderFilter.set("A", "b")).isInstanceOf(ResponseFilter.class);
        assertThat(RemoveResponseHeaderFilter.of("A")).isInstanceOf(ResponseFilter.class);
    }

    @Test
    void hostIsAllowedOnResponsesButFramingHeadersAreNot() {
        assertThat(ResponseHeaderFilter.set("Host", "x").name()).isEqualTo("Host");
        assertThatIllegalArgumentException().isThrownBy(() -> ResponseHeaderFilter.set("Content-Length", "0"))
                .withMessageStartingWith("name: 'Content-Length' (expected: a header other than Content-Length");
        assertThatIllegalArgumentException().isThrownBy(() -> ResponseHeaderFilter.add("X-A", "\u0000"))
                .withMessage("value: '\\u0000' (expected: no CR, LF or other control characters)");
    }

    @Test
    void factoriesHaveTheirNames() {
        assertThat(new ResponseHeaderFilter.AddFactory().name()).isEqualTo("add-response-header");
        assertThat(new ResponseHeaderFilter.SetFactory().name()).isEqualTo("set-response-header");
        assertThat(new RemoveResponseHeaderFilter.Factory().name()).isEqualTo("remove-response-header");
        HeaderFilterFactory.Config config = new HeaderFilterFactory.Config();
        config.setName("Cache-Control");
        config.setValue("no-store");
        assertThat(new ResponseHeaderFilter.SetFactory().create(config))
                .hasToString("ResponseHeaderFilter[set-response-header Cache-Control: no-store]");
    }
}
