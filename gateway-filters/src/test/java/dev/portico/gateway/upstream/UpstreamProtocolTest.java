package dev.portico.gateway.upstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The protocol setting, and how an upstream checks it and its TLS settings against the nodes' schemes. */
class UpstreamProtocolTest {

    @Test
    void parsesConfiguredNames() {
        assertThat(UpstreamProtocol.parse("http1.1")).isEqualTo(UpstreamProtocol.HTTP1_1);
        assertThat(UpstreamProtocol.parse("HTTP/1.1")).isEqualTo(UpstreamProtocol.HTTP1_1);
        assertThat(UpstreamProtocol.parse(" h2 ")).isEqualTo(UpstreamProtocol.H2);
        assertThat(UpstreamProtocol.parse("H2C")).isEqualTo(UpstreamProtocol.H2C);
        assertThatIllegalArgumentException().isThrownBy(() -> UpstreamProtocol.parse("http3"))
                .withMessage("protocol 'http3' (expected: http1.1, h2 or h2c)");
    }

    @Test
    void http11IsTheDefault() {
        assertThat(Upstream.builder("users").node("http://10.0.0.1:8080").build().protocol())
                .isEqualTo(UpstreamProtocol.HTTP1_1);
    }

    @Test
    void h2NeedsTlsOnEveryNode() {
        assertThatIllegalArgumentException().isThrownBy(() -> Upstream.builder("users").node("https://10.0.0.1:8443")
                .node("http://10.0.0.2:8080").protocol(UpstreamProtocol.H2).build())
                .withMessageContaining("node 'http://10.0.0.2:8080' is cleartext")
                .withMessageContaining("protocol h2c");
    }

    @Test
    void h2cNeedsCleartextOnEveryNode() {
        assertThatIllegalArgumentException().isThrownBy(() -> Upstream.builder("users").node("https://10.0.0.1:8443")
                .protocol(UpstreamProtocol.H2C).build())
                .withMessageContaining("node 'https://10.0.0.1:8443' uses TLS");
    }

    @Test
    void tlsSettingsNeedAnHttpsNode() {
        UpstreamTls tls = UpstreamTls.builder().serverName("users.internal").build();

        assertThatIllegalArgumentException().isThrownBy(() -> Upstream.builder("users").node("http://10.0.0.1:8080")
                .tls(tls).build()).withMessageContaining("has tls settings but no https node");
    }

    @Test
    void protocolAndTlsArePartOfTheUpstreamsIdentity() {
        Upstream plain = Upstream.builder("users").node("https://10.0.0.1:8443").build();
        Upstream h2 = plain.toBuilder().protocol(UpstreamProtocol.H2).build();
        Upstream named = plain.toBuilder().tls(UpstreamTls.builder().serverName("users.internal").build()).build();

        assertThat(h2).isNotEqualTo(plain);
        assertThat(named).isNotEqualTo(plain);
        assertThat(h2.toBuilder().build()).isEqualTo(h2);
        assertThat(named.toBuilder().build()).isEqualTo(named);
        assertThat(named.toBuilder().build().tls()).isSameAs(named.tls());
    }
}
