package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.internal.ForwardedHeaderNames;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StripPrefixFilterTest {

    @Test
    void stripsOneSegmentAndRecordsPrefix() {
        GatewayExchange exchange = Exchanges.get("/api/users/7?x=1");
        StripPrefixFilter.of(1).apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/users/7");
        assertThat(exchange.upstreamQuery()).isEqualTo("x=1");
        assertThat(exchange.requestHeaders().get(ForwardedHeaderNames.X_FORWARDED_PREFIX)).isEqualTo("/api");
    }

    @Test
    void stripsTwoSegmentsAndRecordsPrefix() {
        GatewayExchange exchange = Exchanges.get("/api/users/7");
        StripPrefixFilter.of(2).apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/7");
        assertThat(exchange.requestHeaders().get(ForwardedHeaderNames.X_FORWARDED_PREFIX)).isEqualTo("/api/users");
    }

    @Test
    void strippingEverySegmentLeavesSlash() {
        GatewayExchange exchange = Exchanges.get("/api/users");
        StripPrefixFilter.of(5).apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/");
        assertThat(exchange.requestHeaders().get(ForwardedHeaderNames.X_FORWARDED_PREFIX)).isEqualTo("/api/users");
    }

    @Test
    void keepsTrailingSlashOfTheRemainderButNotInThePrefix() {
        GatewayExchange exchange = Exchanges.get("/api/users/");
        StripPrefixFilter.of(1).apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/users/");

        GatewayExchange whole = Exchanges.get("/api/");
        StripPrefixFilter.of(1).apply(whole);
        assertThat(whole.upstreamPath()).isEqualTo("/");
        assertThat(whole.requestHeaders().get(ForwardedHeaderNames.X_FORWARDED_PREFIX)).isEqualTo("/api");
    }

    @Test
    void encodedSlashDoesNotSplitASegment() {
        GatewayExchange exchange = Exchanges.get("/a%2Fb/c");
        StripPrefixFilter.of(1).apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/c");
        assertThat(exchange.requestHeaders().get(ForwardedHeaderNames.X_FORWARDED_PREFIX)).isEqualTo("/a%2Fb");
    }

    @Test
    void zeroPartsChangesNothing() {
        GatewayExchange exchange = Exchanges.get("/api/users");
        StripPrefixFilter.of(0).apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/api/users");
        assertThat(exchange.requestHeaders().contains(ForwardedHeaderNames.X_FORWARDED_PREFIX)).isFalse();
    }

    @Test
    void rootPathHasNothingToStrip() {
        GatewayExchange exchange = Exchanges.get("/");
        StripPrefixFilter.of(1).apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/");
        assertThat(exchange.requestHeaders().contains(ForwardedHeaderNames.X_FORWARDED_PREFIX)).isFalse();
    }

    @Test
    void appendsToAPrefixAnEarlierProxyRecorded() {
        GatewayExchange exchange = Exchanges.withHeaders("/api/users",
                new DefaultHttpHeaders().set(ForwardedHeaderNames.X_FORWARDED_PREFIX, "/edge/"));
        StripPrefixFilter.of(1).apply(exchange);
        assertThat(exchange.requestHeaders().get(ForwardedHeaderNames.X_FORWARDED_PREFIX)).isEqualTo("/edge/api");
    }

    @Test
    void twoFiltersAccumulateThePrefix() {
        GatewayExchange exchange = Exchanges.get("/api/v1/users");
        StripPrefixFilter.of(1).apply(exchange);
        StripPrefixFilter.of(1).apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/users");
        assertThat(exchange.requestHeaders().get(ForwardedHeaderNames.X_FORWARDED_PREFIX)).isEqualTo("/api/v1");
    }

    @Test
    void rejectsNegativeParts() {
        assertThatIllegalArgumentException().isThrownBy(() -> StripPrefixFilter.of(-1))
                .withMessage("parts: -1 (expected: >= 0)");
    }

    @Test
    void factoryBindsPartsAndDefaultsToOne() {
        StripPrefixFilter.Factory factory = new StripPrefixFilter.Factory();
        assertThat(factory.name()).isEqualTo("strip-prefix");
        assertThat(factory.shortcutFields()).containsExactly("parts");
        StripPrefixFilter.Factory.Config config = new StripPrefixFilter.Factory.Config();
        assertThat(((StripPrefixFilter) factory.create(config)).parts()).isEqualTo(1);
        config.setParts(3);
        assertThat(factory.create(config)).hasToString("StripPrefixFilter[parts=3]");
    }
}
