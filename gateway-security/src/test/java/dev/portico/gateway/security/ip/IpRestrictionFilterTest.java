package dev.portico.gateway.security.ip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IpRestrictionFilterTest {

    static GatewayExchange from(String address) {
        return GatewayExchange.of(HttpMethod.GET, "/x", new DefaultHttpHeaders(), new InetSocketAddress(address, 40000));
    }

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void allowListAdmitsOnlyItsRanges() throws Exception {
        IpRestrictionFilter filter = IpRestrictionFilter.allow("10.0.0.0/8", "2001:db8::/32");
        assertThat(filter.permits(ip("10.1.2.3"))).isTrue();
        assertThat(filter.permits(ip("2001:db8:1::7"))).isTrue();
        assertThat(filter.permits(ip("11.0.0.1"))).isFalse();
        assertThat(filter.permits(ip("2001:db9::1"))).isFalse();
    }

    @Test
    void denyWinsOverAllow() throws Exception {
        IpRestrictionFilter filter = IpRestrictionFilter.of(List.of("10.0.0.0/8"), List.of("10.6.6.0/24"));
        assertThat(filter.permits(ip("10.6.5.255"))).isTrue();
        assertThat(filter.permits(ip("10.6.6.1"))).isFalse();
        IpRestrictionFilter same = IpRestrictionFilter.of(List.of("10.0.0.1"), List.of("10.0.0.1"));
        assertThat(same.permits(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void denyListAloneAdmitsEverythingElse() throws Exception {
        IpRestrictionFilter filter = IpRestrictionFilter.deny("203.0.113.0/24", "::1");
        assertThat(filter.permits(ip("203.0.113.9"))).isFalse();
        assertThat(filter.permits(ip("::1"))).isFalse();
        assertThat(filter.permits(ip("198.51.100.1"))).isTrue();
        assertThat(filter.permits(null)).isTrue();
    }

    @Test
    void unknownClientIsRefusedByAnAllowList() {
        assertThat(IpRestrictionFilter.allow("0.0.0.0/0", "::/0").permits(null)).isFalse();
    }

    @Test
    void ipv4MappedIpv6AddressesMatchIpv4Ranges() throws Exception {
        InetAddress mapped = InetAddress.getByAddress(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff,
                (byte) 0xff, 10, 1, 2, 3 });
        assertThat(IpRestrictionFilter.unmapped(mapped).getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(IpRestrictionFilter.allow("10.0.0.0/8").permits(mapped)).isTrue();
        assertThat(IpRestrictionFilter.unmapped(ip("2001:db8::1")).getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void refusedRequestIsA403Problem() {
        IpRestrictionFilter filter = IpRestrictionFilter.allow("10.0.0.0/8");
        GatewayException refused = catchThrowableOfType(GatewayException.class, () -> filter.apply(from("192.0.2.1")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.detail()).isEqualTo("client address is not allowed on this route");
        assertThatNoException().isThrownBy(() -> filter.apply(from("10.9.9.9")));
    }

    @Test
    void readsTheClientAddressTrustedProxiesReported() throws Exception {
        GatewayExchange proxied = from("10.0.0.5"); // the peer is a proxy inside the allowed range
        proxied.clientAddress(ip("198.51.100.9")); // what the forwarded-headers policy resolved
        GatewayException refused = catchThrowableOfType(GatewayException.class,
                () -> IpRestrictionFilter.allow("10.0.0.0/8").apply(proxied));
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void malformedRangesFailAtStartupNamingTheEntry() {
        IpRestrictionFilter.Factory factory = new IpRestrictionFilter.Factory();
        IpRestrictionFilter.Factory.Config config = new IpRestrictionFilter.Factory.Config();
        config.setAllow(List.of("10.0.0.0/8", "10.0.0.0/33"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessage("allow[1]: '10.0.0.0/33' has prefix length out of range (expected: 0-32)");
        config.setAllow(List.of());
        config.setDeny(List.of("example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("deny[0]: 'example.com' is not an IP range (expected");
        config.setDeny(List.of(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("deny[0]: ' ' (expected: an IPv4 or IPv6 address or CIDR range");
        config.setDeny(List.of());
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("allow: [], deny: [] (expected: at least one address range");
    }

    @Test
    void factoryIsNamedAndTakesTheAllowListAsShortcut() {
        IpRestrictionFilter.Factory factory = new IpRestrictionFilter.Factory();
        assertThat(factory.name()).isEqualTo("ip-restriction");
        assertThat(factory.shortcutFields()).containsExactly("allow");
        IpRestrictionFilter.Factory.Config config = new IpRestrictionFilter.Factory.Config();
        config.setAllow(List.of("192.168.0.0/16"));
        config.setDeny(List.of("192.168.1.0/24"));
        IpRestrictionFilter filter = (IpRestrictionFilter) factory.create(config);
        assertThat(filter.allowed()).containsExactly("192.168.0.0/16");
        assertThat(filter.denied()).containsExactly("192.168.1.0/24");
    }
}
