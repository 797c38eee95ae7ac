package dev.portico.gateway.filter;

import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** What a filter can and cannot do to an exchange. */
class GatewayExchangeTest {

    @Test
    void routeIsDecidedOnceAndNoFilterCanReRoute() {
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/a/7");
        exchange.routed("a", request -> Map.of("id", request.rawPath().substring(3)));
        assertThat(exchange.routeId()).isEqualTo("a");
        assertThat(exchange.uriVariables()).containsEntry("id", "7");
        assertThatIllegalStateException().isThrownBy(() -> exchange.routed("b", RouteVariables.NONE))
                .withMessageContaining("already routed to 'a'");
        assertThat(exchange.routeId()).isEqualTo("a");
    }

    @Test
    void routeMetadataIsReadable() {
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/a");
        assertThat(exchange.routeMetadata()).isEmpty();
        exchange.routed("a", Map.of("team", "identity"), RouteVariables.NONE);
        assertThat(exchange.routeMetadata()).containsEntry("team", "identity");
    }

    @Test
    void variablesAreExtractedOnFirstUseOnly() {
        int[] calls = new int[1];
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/a");
        exchange.routed("a", request -> {
            calls[0]++;
            return Map.of();
        });
        assertThat(calls[0]).isZero();
        exchange.uriVariables();
        exchange.uriVariables();
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void upstreamPathIsCheckedLikeAClientPath() {
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/a");
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> exchange.upstreamPath("/x/../admin"))
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(400));
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> exchange.upstreamPath("/x/%2e%2E/admin"))
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(400));
        assertThatIllegalArgumentException().isThrownBy(() -> exchange.upstreamPath("no-slash"));
        assertThat(exchange.upstreamPath()).isEqualTo("/a");
        exchange.upstreamPath("/b%20c");
        assertThat(exchange.upstreamPath()).isEqualTo("/b%20c");
    }

    @Test
    void addedResponseFiltersAreKeptInOrder() {
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/a");
        ResponseFilter first = e -> { };
        ResponseFilter second = e -> { };
        assertThat(exchange.addedResponseFilters()).isEmpty();
        exchange.addResponseFilter(first);
        exchange.addResponseFilter(second);
        assertThat(exchange.addedResponseFilters()).containsExactly(first, second);
    }
}
