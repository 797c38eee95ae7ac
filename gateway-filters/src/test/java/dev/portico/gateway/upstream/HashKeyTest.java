package dev.portico.gateway.upstream;

import java.net.InetSocketAddress;

import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayExchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HashKeyTest {

    private static GatewayExchange exchange() {
        return exchange(new DefaultHttpHeaders());
    }

    private static GatewayExchange exchange(HttpHeaders headers) {
        return GatewayExchange.of(HttpMethod.GET, "/path", headers, new InetSocketAddress("10.0.0.7", 5000));
    }

    private static GatewayExchange withHeader(String name, String value) {
        return GatewayExchange.of(HttpMethod.GET, "/path", new DefaultHttpHeaders().add(name, value),
                new InetSocketAddress("10.0.0.7", 5000));
    }


    @Test
    void headerKeyIsTheHeadersFirstValueWhateverTheCaseOfItsName() {
        GatewayExchange exchange = exchange(new DefaultHttpHeaders().add("x-user", "alice").add("X-User", "bob"));

        assertThat(HashKey.header("X-User").value(exchange)).isEqualTo("alice");
    }

    @Test
    void cookieKeyIsTheCookiesValue() {
        GatewayExchange exchange = withHeader("Cookie", "theme=dark; session=s-42");

        assertThat(HashKey.cookie("session").value(exchange)).isEqualTo("s-42");
    }

    @Test
    void clientIpKeyIsTheRemoteAddress() {
        assertThat(HashKey.clientIp().value(exchange())).isEqualTo("10.0.0.7");
    }

    @Test
    void clientIpKeyHashesTheSameForEveryPortOfOneClient() {
        GatewayExchange first = GatewayExchange.of(HttpMethod.GET, "/", new DefaultHttpHeaders(),
                new InetSocketAddress("10.0.0.7", 5000));
        GatewayExchange second = GatewayExchange.of(HttpMethod.GET, "/", new DefaultHttpHeaders(),
                new InetSocketAddress("10.0.0.7", 6000));
        GatewayExchange other = GatewayExchange.of(HttpMethod.GET, "/", new DefaultHttpHeaders(),
                new InetSocketAddress("10.0.0.8", 5000));

        assertThat(HashKey.clientIp().hash(first)).isEqualTo(HashKey.clientIp().hash(second))
                .isNotEqualTo(HashKey.clientIp().hash(other)).isNotNegative();
    }

    @Test
    void pathKeyIsTheRawPathWithoutTheQuery() {
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/a%20b/c?x=1");

        assertThat(HashKey.path().value(exchange)).isEqualTo("/a%20b/c");
    }

    @Test
    void consumerKeyIsTheAuthenticatedConsumer() {
        GatewayExchange exchange = exchange();
        exchange.attr(GatewayAttributes.CONSUMER, Consumer.of("team-payments"));

        assertThat(HashKey.consumer().value(exchange)).isEqualTo("team-payments");
    }

    @Test
    void missingOrEmptyKeysAreAbsent() {
        assertThat(HashKey.header("X-User").value(exchange())).isNull();
        assertThat(HashKey.header("X-User").value(withHeader("X-User", ""))).isNull();
        assertThat(HashKey.cookie("session").value(withHeader("Cookie", "theme=dark"))).isNull();
        assertThat(HashKey.consumer().value(exchange())).isNull();
        assertThat(HashKey.clientIp().value(GatewayExchange.of(HttpMethod.GET, "/", new DefaultHttpHeaders(), null)))
                .isNull();
        assertThat(HashKey.header("X-User").hash(exchange())).isEqualTo(-1);
    }

    @Test
    void parsesEveryConfigurationForm() {
        assertThat(HashKey.parse("header:X-User")).isEqualTo(HashKey.header("X-User"));
        assertThat(HashKey.parse(" Cookie : session ")).isEqualTo(HashKey.cookie("session"));
        assertThat(HashKey.parse("client-ip")).isSameAs(HashKey.clientIp());
        assertThat(HashKey.parse("PATH")).isSameAs(HashKey.path());
        assertThat(HashKey.parse("consumer")).isSameAs(HashKey.consumer());
    }

    @Test
    void printsItsConfigurationForm() {
        assertThat(HashKey.header("X-User")).hasToString("header:X-User");
        assertThat(HashKey.clientIp()).hasToString("client-ip");
    }

    @Test
    void rejectsUnknownFormsNamingTheAcceptedOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> HashKey.parse("query:id"))
                .withMessage("hash-key: 'query:id' (expected header:<name>, cookie:<name>, client-ip, path or consumer)");
        assertThatIllegalArgumentException().isThrownBy(() -> HashKey.parse("header:"))
                .withMessage("hash-key: 'header:' has no header name "
                        + "(expected header:<name>, cookie:<name>, client-ip, path or consumer)");
        assertThatIllegalArgumentException().isThrownBy(() -> HashKey.parse("path:/x"))
                .withMessage("hash-key: 'path:/x' takes no name "
                        + "(expected header:<name>, cookie:<name>, client-ip, path or consumer)");
        assertThatIllegalArgumentException().isThrownBy(() -> HashKey.cookie(" "))
                .withMessage("hash-key: cookie name is blank (expected e.g. cookie:session)");
    }
}
