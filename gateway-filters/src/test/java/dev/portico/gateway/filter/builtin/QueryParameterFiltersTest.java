package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QueryParameterFiltersTest {

    private static String removed(String name, String uri) {
        GatewayExchange exchange = Exchanges.get(uri);
        RemoveQueryParameterFilter.of(name).apply(exchange);
        return exchange.upstreamQuery();
    }

    @Test
    void addAppendsEncodedPairToExistingQuery() {
        GatewayExchange exchange = Exchanges.get("/search?q=a+b");
        AddQueryParameterFilter.of("source", "edge gateway&co=1").apply(exchange);
        assertThat(exchange.upstreamQuery()).isEqualTo("q=a+b&source=edge%20gateway%26co%3D1");
    }

    @Test
    void addCreatesTheQueryWhenThereIsNone() {
        GatewayExchange exchange = Exchanges.get("/search");
        AddQueryParameterFilter.of("v", "2").apply(exchange);
        assertThat(exchange.upstreamQuery()).isEqualTo("v=2");
    }

    @Test
    void addEncodesNonAsciiAsUtf8AndKeepsUnreserved() {
        GatewayExchange exchange = Exchanges.get("/search?");
        AddQueryParameterFilter.of("näme", "a-b_c.d~e").apply(exchange);
        assertThat(exchange.upstreamQuery()).isEqualTo("n%C3%A4me=a-b_c.d~e");
    }

    @Test
    void addDoesNotDoubleATrailingAmpersand() {
        GatewayExchange exchange = Exchanges.get("/search?q=1&");
        AddQueryParameterFilter.of("v", "").apply(exchange);
        assertThat(exchange.upstreamQuery()).isEqualTo("q=1&v=");
    }

    @Test
    void removeDropsEveryOccurrenceAndKeepsTheRestByteIdentical() {
        assertThat(removed("api_key", "/s?q=a%20b&api_key=1&page=2&api_key&x=%2F"))
                .isEqualTo("q=a%20b&page=2&x=%2F");
    }

    @Test
    void removeMatchesAnEncodedName() {
        assertThat(removed("api_key", "/s?api%5Fkey=1&q=1")).isEqualTo("q=1");
        assertThat(removed("a b", "/s?a+b=1&a%20b=2&ab=3")).isEqualTo("ab=3");
    }

    @Test
    void removeDoesNotMatchPrefixesOrValues() {
        assertThat(removed("id", "/s?ids=1&x=id&idx")).isEqualTo("ids=1&x=id&idx");
    }

    @Test
    void removeLeavesTheQueryInstanceWhenNothingMatches() {
        GatewayExchange exchange = Exchanges.get("/s?a=1&b=2");
        String before = exchange.upstreamQuery();
        RemoveQueryParameterFilter.of("c").apply(exchange);
        assertThat(exchange.upstreamQuery()).isSameAs(before);
    }

    @Test
    void removingTheOnlyParameterDropsTheQuery() {
        assertThat(removed("a", "/s?a=1")).isNull();
        assertThat(removed("a", "/s?a=1&a=2")).isNull();
        assertThat(removed("a", "/s")).isNull();
    }

    @Test
    void removeAtEitherEnd() {
        assertThat(removed("a", "/s?a=1&b=2")).isEqualTo("b=2");
        assertThat(removed("b", "/s?a=1&b=2")).isEqualTo("a=1");
        assertThat(removed("b", "/s?a=1&b=2&c=3")).isEqualTo("a=1&c=3");
    }

    @Test
    void removeThenAddReplacesAParameter() {
        GatewayExchange exchange = Exchanges.get("/s?v=1&q=x");
        RemoveQueryParameterFilter.of("v").apply(exchange);
        AddQueryParameterFilter.of("v", "2").apply(exchange);
        assertThat(exchange.upstreamQuery()).isEqualTo("q=x&v=2");
    }

    @Test
    void factoriesValidateName() {
        AddQueryParameterFilter.Factory add = new AddQueryParameterFilter.Factory();
        assertThat(add.name()).isEqualTo("add-query-parameter");
        assertThat(add.shortcutFields()).containsExactly("name", "value");
        AddQueryParameterFilter.Factory.Config config = new AddQueryParameterFilter.Factory.Config();
        assertThatIllegalArgumentException().isThrownBy(() -> add.create(config))
                .withMessage("name: null (expected: a query parameter name)");
        config.setName("a b");
        assertThat(add.create(config)).hasToString("AddQueryParameterFilter[a%20b=]");

        RemoveQueryParameterFilter.Factory remove = new RemoveQueryParameterFilter.Factory();
        assertThat(remove.name()).isEqualTo("remove-query-parameter");
        assertThat(remove.shortcutFields()).containsExactly("name");
        assertThatIllegalArgumentException().isThrownBy(() -> RemoveQueryParameterFilter.of(""))
                .withMessage("name: '' (expected: a query parameter name)");
    }
}
