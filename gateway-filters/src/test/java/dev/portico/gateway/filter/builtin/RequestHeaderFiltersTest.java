package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RequestHeaderFiltersTest {

    private static GatewayExchange exchangeWith(String name, String... values) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        for (String value : values) {
            headers.add(name, value);
        }
        return Exchanges.withHeaders("/api/users", headers);
    }

    @Test
    void addKeepsValuesTheClientSent() {
        GatewayExchange exchange = exchangeWith("X-Source", "client");
        RequestHeaderFilter.add("X-Source", "edge").apply(exchange);
        assertThat(exchange.requestHeaders().getAll("x-source")).containsExactly("client", "edge");
    }

    @Test
    void setReplacesEveryValueTheClientSent() {
        GatewayExchange exchange = exchangeWith("X-User", "forged-1", "forged-2");
        RequestHeaderFilter.set("x-user", "trusted").apply(exchange);
        assertThat(exchange.requestHeaders().getAll("X-User")).containsExactly("trusted");
    }

    @Test
    void removeDropsEveryValueInAnyCase() {
        GatewayExchange exchange = exchangeWith("Cookie", "a=1", "b=2");
        RemoveRequestHeaderFilter.of("COOKIE").apply(exchange);
        assertThat(exchange.requestHeaders().contains("cookie")).isFalse();
    }

    @Test
    void removeOfAnAbsentHeaderIsHarmless() {
        GatewayExchange exchange = Exchanges.get("/");
        RemoveRequestHeaderFilter.of("X-Absent").apply(exchange);
        assertThat(exchange.requestHeaders().isEmpty()).isTrue();
    }

    @Test
    void valueTakesUriVariables() {
        GatewayExchange exchange = Exchanges.routed("{tenant}.example.com", "/users/{id}", "acme.example.com", "/users/7");
        RequestHeaderFilter.set("X-Subject", "{tenant}:{id}").apply(exchange);
        RequestHeaderFilter.add("X-Literal", "{{not-a-variable}").apply(exchange);
        assertThat(exchange.requestHeaders().get("X-Subject")).isEqualTo("acme:7");
        assertThat(exchange.requestHeaders().get("X-Literal")).isEqualTo("{not-a-variable}");
    }

    @Test
    void unknownVariableIsA500NamingIt() {
        GatewayExchange exchange = Exchanges.routed("/users/{id}", "/users/7");
        RequestHeaderFilter filter = RequestHeaderFilter.add("X-Tenant", "{tenant}");
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> filter.apply(exchange))
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(500))
                .withMessageContaining("captures no URI variable 'tenant'");
    }

    @Test
    void emptyValueIsAllowed() {
        GatewayExchange exchange = Exchanges.get("/");
        RequestHeaderFilter.add("X-Empty", "").apply(exchange);
        assertThat(exchange.requestHeaders().get("X-Empty")).isEmpty();
    }

    @Test
    void rejectsNamesThatAreNotTokens() {
        assertThatIllegalArgumentException().isThrownBy(() -> RequestHeaderFilter.add("X Source", "v"))
                .withMessageStartingWith("name: 'X Source' (expected: a header name of RFC 9110 token characters");
        assertThatIllegalArgumentException().isThrownBy(() -> RemoveRequestHeaderFilter.of("X:Y"))
                .withMessageStartingWith("name: 'X:Y' (expected: a header name");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestHeaderFilter.set("", "v"))
                .withMessage("name: '' (expected: a header name)");
    }

    @Test
    void rejectsValuesWithLineBreaks() {
        assertThatIllegalArgumentException().isThrownBy(() -> RequestHeaderFilter.add("X-A", "a\r\nX-Evil: 1"))
                .withMessage("value: 'a\\r\\nX-Evil: 1' (expected: no CR, LF or other control characters)");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestHeaderFilter.set("X-A", "a\nb"))
                .withMessageStartingWith("value: 'a\\nb' (expected: no CR, LF");
    }

    @Test
    void rejectsHeadersTheGatewayDerives() {
        assertThatIllegalArgumentException().isThrownBy(() -> RequestHeaderFilter.set("Content-Length", "5"))
                .withMessageStartingWith("name: 'Content-Length' (expected: a header other than Content-Length and Transfer-Encoding");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestHeaderFilter.add("transfer-encoding", "chunked"))
                .withMessageStartingWith("name: 'transfer-encoding' (expected:");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestHeaderFilter.set("Host", "example.com"))
                .withMessageContaining("use preserve-host");
    }

    @Test
    void factoriesBindNameAndValue() {
        RequestHeaderFilter.AddFactory add = new RequestHeaderFilter.AddFactory();
        assertThat(add.name()).isEqualTo("add-request-header");
        assertThat(add.shortcutFields()).containsExactly("name", "value");
        HeaderFilterFactory.Config config = new HeaderFilterFactory.Config();
        config.setName("X-Source");
        assertThatIllegalArgumentException().isThrownBy(() -> add.create(config))
                .withMessage("value: null (expected: a header value, may be empty)");
        config.setValue("edge");
        assertThat(add.create(config)).hasToString("RequestHeaderFilter[add-request-header X-Source: edge]");

        RequestHeaderFilter.SetFactory set = new RequestHeaderFilter.SetFactory();
        assertThat(set.name()).isEqualTo("set-request-header");
        assertThat(set.shortcutFields()).containsExactly("name", "value");

        RemoveRequestHeaderFilter.Factory remove = new RemoveRequestHeaderFilter.Factory();
        assertThat(remove.name()).isEqualTo("remove-request-header");
        assertThat(remove.shortcutFields()).containsExactly("name");
        RemoveRequestHeaderFilter.Factory.Config removeConfig = new RemoveRequestHeaderFilter.Factory.Config();
        assertThatIllegalArgumentException().isThrownBy(() -> remove.create(removeConfig))
                .withMessage("name: null (expected: a header name)");
        removeConfig.setName("Cookie");
        assertThat(remove.create(removeConfig)).hasToString("RemoveRequestHeaderFilter[Cookie]");
    }
}
