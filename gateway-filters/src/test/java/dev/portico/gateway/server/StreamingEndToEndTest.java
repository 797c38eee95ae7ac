package dev.portico.gateway.server;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;

import dev.portico.gateway.route.Route;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.RecordingUpstream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large bodies stream through the gateway in both directions. The data is generated chunk by chunk on the fly and
 * compared by SHA-256: nothing holds the whole body, and this module's 256 MB test heap would not fit two copies of it.
 */
class StreamingEndToEndTest {

    static final int CHUNK = 64 * 1024;
    static final int CHUNKS = 1600; // 100 MB

    /** Chunk {@code i} of the generated body: the same bytes every time it is asked for. */
    static byte[] chunk(int i) {
        byte[] bytes = new byte[CHUNK];
        new SplittableRandom(i).nextBytes(bytes);
        return bytes;
    }

    /** The generated body as buffers, feeding each chunk to {@code digest} as it is produced. */
    static Flux<ByteBuf> body(MessageDigest digest) {
        return Flux.range(0, CHUNKS).map(i -> {
            byte[] bytes = chunk(i);
            if (digest != null) {
                digest.update(bytes);
            }
            return Unpooled.wrappedBuffer(bytes);
        });
    }

    static String expectedSha256() {
        MessageDigest digest = RecordingUpstream.sha256();
        for (int i = 0; i < CHUNKS; i++) {
            digest.update(chunk(i));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void largeChunkedUploadArrivesIntact() {
        try (RecordingUpstream upstream = RecordingUpstream.start("sink");
                GatewayServer gw = GatewayServer.start(Gateway.builder()
                        .route(Route.builder("up").match(m -> m.path("/upload")).uri(upstream.uri()).build())
                        .build())) {
            MessageDigest sent = RecordingUpstream.sha256();
            String echoed = gw.client().post().uri("/upload").send(body(sent))
                    .response((r, content) -> content.then(reactor.core.publisher.Mono.justOrEmpty(
                            r.status().code() + " " + r.responseHeaders().get("X-Body-Sha256"))))
                    .single().block(Duration.ofSeconds(60));
            String sha = HexFormat.of().formatHex(sent.digest());
            assertThat(echoed).isEqualTo("200 " + sha);
            RecordingUpstream.Received received = upstream.take();
            assertThat(received.bodyLength()).isEqualTo((long) CHUNK * CHUNKS);
            assertThat(received.bodySha256()).isEqualTo(sha);
            assertThat(received.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        }
    }

    @Test
    void largeDownloadArrivesIntact() {
        DisposableServer source = RecordingUpstream.start((req, res) -> res
                .header("Content-Type", "application/octet-stream").send(body(null)).then());
        try (GatewayServer gw = GatewayServer.start(Gateway.builder()
                .route(Route.builder("down").match(m -> m.path("/download")).uri("http://127.0.0.1:" + source.port())
                        .build())
                .build())) {
            MessageDigest received = RecordingUpstream.sha256();
            long[] length = new long[1];
            Integer status = gw.client().get().uri("/download")
                    .response((r, content) -> content.doOnNext(buf -> {
                        length[0] += buf.readableBytes();
                        RecordingUpstream.update(received, buf);
                    }).then(reactor.core.publisher.Mono.just(r.status().code())))
                    .single().block(Duration.ofSeconds(60));
            assertThat(status).isEqualTo(200);
            assertThat(length[0]).isEqualTo((long) CHUNK * CHUNKS);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(expectedSha256());
        }
        finally {
            source.disposeNow();
        }
    }
}
