package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RequestSizeFilterTest {

    private static GatewayExchange withContentLength(String length) {
        return Exchanges.withHeaders("/upload", new DefaultHttpHeaders().set("content-length", length));
    }

    @Test
    void setsTheStreamingLimit() {
        GatewayExchange exchange = Exchanges.get("/upload");
        RequestSizeFilter.of(DataSize.ofKilobytes(1)).apply(exchange);
        assertThat(exchange.maxRequestBodyBytes()).isEqualTo(1024);
    }

    @Test
    void acceptsADeclaredLengthAtTheLimit() {
        GatewayExchange exchange = withContentLength("1024");
        RequestSizeFilter.of(DataSize.ofKilobytes(1)).apply(exchange);
        assertThat(exchange.maxRequestBodyBytes()).isEqualTo(1024);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWith413() {
        GatewayExchange exchange = withContentLength("1025");
        RequestSizeFilter filter = RequestSizeFilter.ofBytes(1024);
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> filter.apply(exchange))
                .satisfies(ex -> {
                    assertThat(ex.status()).isEqualTo(413);
                    assertThat(ex.title()).isEqualTo("Content Too Large");
                })
                .withMessage("request body exceeds 1024 bytes");
    }

    @Test
    void refusesAHugeDeclaredLengthWithoutOverflow() {
        GatewayExchange exchange = withContentLength("99999999999999999999999999");
        assertThatExceptionOfType(GatewayException.class)
                .isThrownBy(() -> RequestSizeFilter.ofBytes(Long.MAX_VALUE - 1).apply(exchange));
        assertThat(RequestSizeFilter.exceeds(String.valueOf(Long.MAX_VALUE), Long.MAX_VALUE)).isFalse();
    }

    @Test
    void leavesAMalformedLengthToTheProxy() {
        GatewayExchange exchange = withContentLength("12abc");
        RequestSizeFilter.ofBytes(1).apply(exchange);
        assertThat(exchange.maxRequestBodyBytes()).isEqualTo(1);
    }

    @Test
    void zeroAllowsNoBody() {
        assertThatExceptionOfType(GatewayException.class)
                .isThrownBy(() -> RequestSizeFilter.ofBytes(0).apply(withContentLength("1")));
        RequestSizeFilter.ofBytes(0).apply(withContentLength("0"));
    }

    @Test
    void rejectsANegativeLimit() {
        assertThatIllegalArgumentException().isThrownBy(() -> RequestSizeFilter.ofBytes(-1))
                .withMessage("max: -1B (expected: a size >= 0B, e.g. 5MB)");
    }

    @Test
    void factoryDefaultsToFiveMegabytes() {
        RequestSizeFilter.Factory factory = new RequestSizeFilter.Factory();
        assertThat(factory.name()).isEqualTo("request-size");
        assertThat(factory.shortcutFields()).containsExactly("max");
        RequestSizeFilter filter = (RequestSizeFilter) factory.create(new RequestSizeFilter.Factory.Config());
        assertThat(filter.max()).isEqualTo(DataSize.ofMegabytes(5));
        assertThat(filter).hasToString("RequestSizeFilter[max=5242880B]");
    }
}
