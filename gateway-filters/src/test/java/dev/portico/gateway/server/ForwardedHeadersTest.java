package dev.portico.gateway.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.route.CidrRange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedHeadersTest {

    static final ForwardedHeaders TRUSTING_TEN = ForwardedHeaders.trusting(List.of(CidrRange.parse("10.0.0.0/8")));

    static HttpHeaders apply(ForwardedHeaders policy, @Nullable String remote, Consumer<HttpHeaders> incoming) {
        HttpHeaders headers = new DefaultHttpHeaders();
        incoming.accept(headers);
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/x", headers,
                remote == null ? null : new InetSocketAddress(remote, 50000));
        policy.apply(exchange);
        return exchange.requestHeaders();
    }

    static void spoofed(HttpHeaders h) {
        h.set("Host", "gw.example.com:8080");
        h.set("X-Forwarded-For", "6.6.6.6");
        h.set("X-Forwarded-Proto", "https");
        h.set("X-Forwarded-Host", "evil.example");
        h.set("X-Forwarded-Port", "1");
        h.set("X-Forwarded-Prefix", "/admin");
        h.set("Forwarded", "for=6.6.6.6;proto=https");
    }

    @Test
    void untrustedClientForwardingHeadersAreReplacedByFreshOnes() {
        HttpHeaders h = apply(ForwardedHeaders.trustingNone(), "203.0.113.7", ForwardedHeadersTest::spoofed);
        assertThat(h.getAll("X-Forwarded-For")).containsExactly("203.0.113.7");
        assertThat(h.getAll("X-Forwarded-Proto")).containsExactly("http");
        assertThat(h.getAll("X-Forwarded-Host")).containsExactly("gw.example.com:8080");
        assertThat(h.getAll("X-Forwarded-Port")).containsExactly("8080");
        assertThat(h.contains("X-Forwarded-Prefix")).isFalse();
        assertThat(h.getAll("Forwarded"))
                .containsExactly("for=203.0.113.7;host=\"gw.example.com:8080\";proto=http");
    }

    @Test
    void clientOutsideTheTrustedRangesIsNotTrusted() {
        HttpHeaders h = apply(TRUSTING_TEN, "192.168.0.1", ForwardedHeadersTest::spoofed);
        assertThat(h.get("X-Forwarded-For")).isEqualTo("192.168.0.1");
        assertThat(h.get("Forwarded")).startsWith("for=192.168.0.1;");
        assertThat(h.contains("X-Forwarded-Prefix")).isFalse();
    }

    @Test
    void trustedProxyHeadersAreKeptAndAppendedTo() {
        HttpHeaders h = apply(TRUSTING_TEN, "10.0.0.5", ForwardedHeadersTest::spoofed);
        assertThat(h.getAll("X-Forwarded-For")).containsExactly("6.6.6.6, 10.0.0.5");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("https, http");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("evil.example, gw.example.com:8080");
        assertThat(h.get("X-Forwarded-Prefix")).isEqualTo("/admin");
        assertThat(h.getAll("Forwarded")).containsExactly(
                "for=6.6.6.6;proto=https, for=10.0.0.5;host=\"gw.example.com:8080\";proto=http");
    }

    @Test
    void trustedProxyHeadersSplitOverSeveralLinesAreAllKept() {
        HttpHeaders h = apply(TRUSTING_TEN, "10.0.0.5", in -> in.add("X-Forwarded-For", "1.1.1.1")
                .add("X-Forwarded-For", "2.2.2.2, 3.3.3.3").add("Forwarded", "for=1.1.1.1").add("Forwarded", "for=2.2.2.2"));
        assertThat(h.getAll("X-Forwarded-For")).containsExactly("1.1.1.1, 2.2.2.2, 3.3.3.3, 10.0.0.5");
        assertThat(h.getAll("Forwarded")).containsExactly("for=1.1.1.1, for=2.2.2.2, for=10.0.0.5;proto=http");
    }

    @Test
    void ipv6ClientIsQuotedAndBracketedInForwarded() {
        HttpHeaders h = apply(ForwardedHeaders.trustingNone(), "::1", in -> in.set("Host", "[::1]:8443"));
        assertThat(h.get("X-Forwarded-For")).isEqualTo("::1");
        assertThat(h.get("X-Forwarded-Port")).isEqualTo("8443");
        assertThat(h.get("Forwarded")).isEqualTo("for=\"[::1]\";host=\"[::1]:8443\";proto=http");
    }

    @Test
    void ipv6AddressesUseTheirCompressedForm() {
        HttpHeaders h = apply(ForwardedHeaders.trustingNone(), "2001:db8:0:0:0:0:0:7", in -> { });
        assertThat(h.get("X-Forwarded-For")).isEqualTo("2001:db8::7");
        assertThat(h.get("Forwarded")).isEqualTo("for=\"[2001:db8::7]\";proto=http");
    }

    @Test
    void withoutHostThePortFollowsTheScheme() {
        HttpHeaders h = apply(ForwardedHeaders.trustingNone(), "203.0.113.7", in -> { });
        assertThat(h.contains("X-Forwarded-Host")).isFalse();
        assertThat(h.get("X-Forwarded-Port")).isEqualTo("80");
        assertThat(h.get("Forwarded")).isEqualTo("for=203.0.113.7;proto=http");
        HttpHeaders bracketed = apply(ForwardedHeaders.trustingNone(), "::1", in -> in.set("Host", "[::1]"));
        assertThat(bracketed.get("X-Forwarded-Port")).isEqualTo("80");
    }

    @Test
    void quotesInTheHostCannotBreakTheForwardedElement() {
        HttpHeaders h = apply(ForwardedHeaders.trustingNone(), "203.0.113.7", in -> in.set("Host", "a\"b"));
        assertThat(h.get("Forwarded")).isEqualTo("for=203.0.113.7;host=\"ab\";proto=http");
    }

    @Test
    void unknownClientAddress() {
        HttpHeaders h = apply(ForwardedHeaders.trustingNone(), null, in -> in.set("X-Forwarded-For", "6.6.6.6"));
        assertThat(h.get("X-Forwarded-For")).isEqualTo("unknown");
        assertThat(h.get("Forwarded")).isEqualTo("for=unknown;proto=http");
    }

    @Test
    void disabledPolicyLeavesHeadersAsTheyCame() {
        HttpHeaders h = apply(ForwardedHeaders.disabled(), "203.0.113.7", ForwardedHeadersTest::spoofed);
        assertThat(h.get("X-Forwarded-For")).isEqualTo("6.6.6.6");
        assertThat(h.get("Forwarded")).isEqualTo("for=6.6.6.6;proto=https");
        assertThat(h.get("X-Forwarded-Prefix")).isEqualTo("/admin");
        assertThat(ForwardedHeaders.disabled().enabled()).isFalse();
    }

    static GatewayExchange exchange(String remote, String forwardedFor) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (forwardedFor != null) {
            headers.set("X-Forwarded-For", forwardedFor);
        }
        return GatewayExchange.of(HttpMethod.GET, "/x", headers, new InetSocketAddress(remote, 50000));
    }

    @Test
    void clientAddressIsThePeerUnlessATrustedProxyReportsOne() {
        GatewayExchange direct = exchange("203.0.113.7", "6.6.6.6");
        TRUSTING_TEN.apply(direct);
        assertThat(direct.clientAddress().getHostAddress()).isEqualTo("203.0.113.7"); // spoofed XFF ignored
        GatewayExchange proxied = exchange("10.0.0.5", "198.51.100.9, 10.1.1.1");
        TRUSTING_TEN.apply(proxied);
        // right to left: 10.1.1.1 is a trusted proxy too, 198.51.100.9 is the client
        assertThat(proxied.clientAddress().getHostAddress()).isEqualTo("198.51.100.9");
    }

    @Test
    void clientAddressStopsAtTheFirstEntryThatIsNotAnAddress() {
        GatewayExchange exchange = exchange("10.0.0.5", "6.6.6.6, unknown, 10.2.2.2");
        TRUSTING_TEN.apply(exchange);
        assertThat(exchange.clientAddress().getHostAddress()).isEqualTo("10.2.2.2");
        GatewayExchange v6 = exchange("10.0.0.5", "[2001:db8::1]");
        TRUSTING_TEN.apply(v6);
        assertThat(v6.clientAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void clientAddressIsNeverResolvedFromANameAndAnAllTrustedChainGivesTheLeftMost() {
        GatewayExchange named = exchange("10.0.0.5", "evil.example");
        TRUSTING_TEN.apply(named);
        assertThat(named.clientAddress().getHostAddress()).isEqualTo("10.0.0.5");
        GatewayExchange internal = exchange("10.0.0.5", "10.9.9.9, 10.8.8.8");
        TRUSTING_TEN.apply(internal);
        assertThat(internal.clientAddress().getHostAddress()).isEqualTo("10.9.9.9");
    }
}
