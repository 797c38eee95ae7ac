package dev.portico.gateway.internal;

import dev.portico.gateway.proxy.Proxy;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HopByHopHeadersTest {

    @Test
    void removesTheFixedSetAndKeepsEndToEndHeaders() {
        HttpHeaders h = new DefaultHttpHeaders()
                .set("Connection", "keep-alive")
                .set("Keep-Alive", "timeout=5")
                .set("Proxy-Connection", "keep-alive")
                .set("TE", "trailers")
                .set("Trailer", "X-Checksum")
                .set("Transfer-Encoding", "chunked")
                .set("Upgrade", "websocket")
                .set("Proxy-Authorization", "Basic eA==")
                .set("Proxy-Authenticate", "Basic")
                .set("Authorization", "Bearer t")
                .set("Content-Type", "text/plain")
                .set("X-Custom", "1");
        HopByHopHeaders.strip(h);
        assertThat(h.names()).containsExactlyInAnyOrder("Authorization", "Content-Type", "X-Custom");
    }

    @Test
    void removesHeadersNamedInConnection() {
        HttpHeaders h = new DefaultHttpHeaders()
                .set("Connection", "close, X-Secret ,x-other,,")
                .set("x-secret", "s")
                .set("X-Other", "o")
                .set("X-Kept", "k");
        HopByHopHeaders.strip(h);
        assertThat(h.names()).containsExactly("X-Kept");
    }

    @Test
    void removesHeadersNamedInEveryConnectionLine() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "keep-alive")
                .add("Connection", "X-Secret")
                .set("X-Secret", "s")
                .set("X-Kept", "k");
        HopByHopHeaders.strip(h);
        assertThat(h.names()).containsExactly("X-Kept");
    }

    @Test
    void emptyHeadersStayEmpty() {
        HttpHeaders h = new DefaultHttpHeaders();
        HopByHopHeaders.strip(h);
        assertThat(h.isEmpty()).isTrue();
    }
}
