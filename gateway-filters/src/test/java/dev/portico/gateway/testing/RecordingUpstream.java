package dev.portico.gateway.testing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real upstream on a loopback port 0 that records what reached it. By default it streams the request body through
 * SHA-256 (nothing held in memory) and answers 200 with {@code X-Upstream: <name>}, {@code X-Body-Sha256} and
 * {@code X-Body-Length}, body {@code <name>}.
 */
public final class RecordingUpstream implements AutoCloseable {

    /** One request as the upstream saw it. */
    public record Received(String method, String uri, HttpHeaders headers, long bodyLength, String bodySha256) {
    }

    private final String name;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final DisposableServer server;

    private RecordingUpstream(String name,
            BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        this.name = name;
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(handler).bindNow();
    }

    public static RecordingUpstream start(String name) {
        RecordingUpstream[] self = new RecordingUpstream[1];
        self[0] = new RecordingUpstream(name, (req, res) -> self[0].record(req, res));
        return self[0];
    }

    /** An upstream with its own handler; nothing is recorded. */
    public static DisposableServer start(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        return HttpServer.create().host("127.0.0.1").port(0).handle(handler).bindNow();
    }

    private Mono<Void> record(HttpServerRequest req, HttpServerResponse res) {
        MessageDigest digest = sha256();
        long[] length = new long[1];
        HttpHeaders headers = req.requestHeaders().copy();
        return req.receive().doOnNext(buf -> {
            length[0] += buf.readableBytes();
            update(digest, buf);
        }).then(Mono.defer(() -> {
            String sha = HexFormat.of().formatHex(digest.digest());
            this.received.add(new Received(req.method().name(), req.uri(), headers, length[0], sha));
            return res.header("X-Upstream", this.name)
                    .header("X-Body-Sha256", sha)
                    .header("X-Body-Length", Long.toString(length[0]))
                    .header("Proxy-Authenticate", "Basic realm=upstream")
                    .header("X-End-To-End", "kept")
                    .sendString(Mono.just(this.name)).then();
        }));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Feeds a buffer's readable bytes to a digest without copying or moving its indexes. */
    public static void update(MessageDigest digest, ByteBuf buf) {
        for (ByteBuffer nio : buf.nioBuffers()) {
            digest.update(nio);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + this.server.port();
    }

    public int port() {
        return this.server.port();
    }

    /** The next request that reached this upstream, waiting up to 5 s. */
    public Received take() {
        try {
            Received r = this.received.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("upstream '" + this.name + "' received no request within 5 s");
            }
            return r;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** Requests received and not yet taken. */
    public int pending() {
        return this.received.size();
    }

    @Override
    public void close() {
        this.server.disposeNow();
    }
}
