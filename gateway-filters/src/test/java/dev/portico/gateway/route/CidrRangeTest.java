package dev.portico.gateway.route;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrRangeTest {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void ipv4PrefixOnAByteBoundary() {
        CidrRange r = CidrRange.parse("10.0.0.0/8");
        assertThat(r.contains(ip("10.0.0.0"))).isTrue();
        assertThat(r.contains(ip("10.255.255.255"))).isTrue();
        assertThat(r.contains(ip("11.0.0.0"))).isFalse();
        assertThat(r.contains(ip("9.255.255.255"))).isFalse();
    }

    @Test
    void ipv4PrefixInsideAByte() {
        CidrRange r = CidrRange.parse("192.168.1.64/26");
        assertThat(r.contains(ip("192.168.1.64"))).isTrue();
        assertThat(r.contains(ip("192.168.1.127"))).isTrue();
        assertThat(r.contains(ip("192.168.1.63"))).isFalse();
        assertThat(r.contains(ip("192.168.1.128"))).isFalse();
    }

    @Test
    void hostBitsInTheNetworkAreIgnored() {
        assertThat(CidrRange.parse("10.1.2.3/8").contains(ip("10.9.9.9"))).isTrue();
    }

    @Test
    void bareAddressIsASingleAddressRange() {
        CidrRange r = CidrRange.parse(" 192.168.1.7 ");
        assertThat(r.contains(ip("192.168.1.7"))).isTrue();
        assertThat(r.contains(ip("192.168.1.6"))).isFalse();
        assertThat(CidrRange.parse("::1").contains(ip("::1"))).isTrue();
        assertThat(CidrRange.parse("::1").contains(ip("::2"))).isFalse();
    }

    @Test
    void zeroPrefixMatchesEveryAddressOfItsFamily() {
        assertThat(CidrRange.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(CidrRange.parse("0.0.0.0/0").contains(ip("2001:db8::1"))).isFalse();
        assertThat(CidrRange.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
    }

    @Test
    void ipv6Prefixes() {
        CidrRange r = CidrRange.parse("2001:db8::/32");
        assertThat(r.contains(ip("2001:db8::1"))).isTrue();
        assertThat(r.contains(ip("2001:db8:ffff:ffff::1"))).isTrue();
        assertThat(r.contains(ip("2001:db9::1"))).isFalse();
        CidrRange odd = CidrRange.parse("fe80::/10");
        assertThat(odd.contains(ip("febf::1"))).isTrue();
        assertThat(odd.contains(ip("fec0::1"))).isFalse();
    }

    @Test
    void familiesNeverMatchEachOther() {
        assertThat(CidrRange.parse("127.0.0.1/32").contains(ip("::1"))).isFalse();
        assertThat(CidrRange.parse("::1/128").contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void rejectsNamesAndBadPrefixes() {
        assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("localhost"))
                .withMessageContaining("localhost");
        assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse(""));
        assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("10.0.0.0/33"))
                .withMessageContaining("0-32");
        assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("::/129"))
                .withMessageContaining("0-128");
        assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("10.0.0.0/-1"));
        assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("10.0.0.0/"));
        assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("10.0.0.0/x"));
    }

    @Test
    void printsAsWritten() {
        assertThat(CidrRange.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
    }
}
