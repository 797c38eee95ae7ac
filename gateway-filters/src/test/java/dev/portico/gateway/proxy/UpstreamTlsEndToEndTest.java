package dev.portico.gateway.proxy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import dev.portico.gateway.route.Route;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.testing.GatewayServer;
import dev.portico.gateway.testing.Problems;
import dev.portico.gateway.testing.RecordingUpstream;
import dev.portico.gateway.testing.TestPki;
import dev.portico.gateway.upstream.HealthCheckSpec;
import dev.portico.gateway.upstream.Upstream;
import dev.portico.gateway.upstream.UpstreamProtocol;
import dev.portico.gateway.upstream.UpstreamTls;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS and HTTP/2 to the upstream, on the wire: real Reactor Netty upstreams on port 0 (TLS, mutual TLS, h2 with
 * ALPN, h2c) behind a real gateway. Certificates come from {@link TestPki}: one CA issues the upstreams' and the
 * gateway's certificates, written as PEM files to a temporary directory.
 */
class UpstreamTlsEndToEndTest {

    @TempDir
    static Path dir;

    static TestPki.Issued ca;

    static Path caFile;

    /** SAN DNS:localhost, IP:127.0.0.1. */
    static TestPki.Issued server;

    /** SAN DNS:users.internal only: not the address the gateway dials. */
    static TestPki.Issued internal;

    static TestPki.Issued gateway;

    static Path gatewayCertificate;

    static Path gatewayKey;

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** One request as an upstream saw it. */
    record Seen(String version, String method, HttpHeaders headers, long bodyLength, String bodySha256,
            @Nullable String sni, @Nullable String clientCertificate) {
    }

    /** A response as the test client saw it. */
    record Answer(int status, HttpHeaders headers, byte[] body) {

        String text() {
            return new String(this.body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void certificates() {
        ca = TestPki.ca("Portico Test CA");
        caFile = ca.writeCertificate(dir, "ca");
        server = ca.issue("localhost", List.of("localhost"), true);
        internal = ca.issue("users.internal", List.of("users.internal"), false);
        gateway = ca.issue("portico-gateway", List.of(), false);
        gatewayCertificate = gateway.writeCertificate(dir, "gateway");
        gatewayKey = gateway.writeKey(dir, "gateway");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : this.resources) {
            resource.close();
        }
    }

    @Test
    void httpsUpstreamIsTrustedThroughItsCaCertificate() {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        DisposableServer upstream = upstream(seen, s -> s.secure(spec -> spec.sslContext(serverTls(server))));
        GatewayServer gw = gateway(upstream("https://127.0.0.1:" + upstream.port())
                .tls(UpstreamTls.builder().trustedCertificate(caFile).build()));

        Answer answer = get(gw, "/hello");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("HTTP/1.1");
        assertThat(take(seen).version()).isEqualTo("HTTP/1.1");
    }

    @Test
    void upstreamNotTrustedByTheJvmIsA502Problem() {
        DisposableServer upstream = upstream(new LinkedBlockingQueue<>(),
                s -> s.secure(spec -> spec.sslContext(serverTls(server))));
        GatewayServer gw = gateway(upstream("https://127.0.0.1:" + upstream.port())); // JVM default trust

        Answer answer = get(gw, "/hello");

        assertThat(answer.status()).isEqualTo(502);
        Map<String, Object> problem = Problems.parse(answer.text());
        assertThat(problem.get("status")).isEqualTo(502);
        assertThat(problem.get("detail")).isEqualTo("TLS with upstream 'svc' failed");
    }

    @Test
    void certificateIsVerifiedAgainstTheServerNameInsteadOfTheNodeAddress() {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        DisposableServer upstream = upstream(seen, s -> s.secure(spec -> spec.sslContext(serverTls(internal))));
        String node = "https://127.0.0.1:" + upstream.port();

        GatewayServer byAddress = gateway(upstream(node).tls(UpstreamTls.builder().trustedCertificate(caFile).build()));
        assertThat(get(byAddress, "/hello").status()).as("127.0.0.1 is not in the certificate").isEqualTo(502);

        GatewayServer byName = gateway(upstream(node).tls(UpstreamTls.builder().trustedCertificate(caFile)
                .serverName("users.internal").build()));
        assertThat(get(byName, "/hello").status()).isEqualTo(200);
        assertThat(take(seen).sni()).isEqualTo("users.internal");
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        DisposableServer upstream = upstream(seen, s -> s.secure(spec -> spec.sslContext(serverTls(server)
                .configure(b -> b.clientAuth(ClientAuth.REQUIRE).trustManager(ca.certificate())))));
        String node = "https://127.0.0.1:" + upstream.port();

        GatewayServer withCertificate = gateway(upstream(node).tls(UpstreamTls.builder().trustedCertificate(caFile)
                .clientCertificate(gatewayCertificate).clientKey(gatewayKey).build()));
        assertThat(get(withCertificate, "/hello").status()).isEqualTo(200);
        assertThat(take(seen).clientCertificate()).isEqualTo("CN=portico-gateway");

        GatewayServer without = gateway(upstream(node).tls(UpstreamTls.builder().trustedCertificate(caFile).build()));
        Answer refused = get(without, "/hello");
        assertThat(refused.status()).isEqualTo(502);
        assertThat(Problems.parse(refused.text()).get("detail")).isEqualTo("TLS with upstream 'svc' failed");
        assertThat(seen).isEmpty();
    }

    @Test
    void h2cSpeaksHttp2WithPriorKnowledgeAndStreamsBodiesBothWays() {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        DisposableServer upstream = upstream(seen, s -> s.protocol(HttpProtocol.H2C));
        GatewayServer gw = gateway(upstream("http://127.0.0.1:" + upstream.port()).protocol(UpstreamProtocol.H2C));

        byte[][] chunks = chunks(64, 4096);
        Answer answer = post(gw, "/upload", chunks); // no Content-Length: chunked from the client

        assertThat(answer.status()).isEqualTo(200);
        Seen request = take(seen);
        assertThat(request.version()).isEqualTo("HTTP/2.0");
        assertThat(request.bodyLength()).isEqualTo(64 * 4096);
        assertThat(request.bodySha256()).isEqualTo(sha256(chunks));
        assertThat(request.headers().get("host")).isEqualTo("127.0.0.1:" + upstream.port()); // from :authority
        // no Transfer-Encoding assertion: Netty's HTTP/2 server codec adds "chunked" to a request without
        // Content-Length when it converts the frames, whatever was on the wire
        assertThat(answer.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("x-http2-"));

        Answer download = get(gw, "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).hasSize(32 * 8192);
        assertThat(download.headers().get("x-sha256")).isEqualTo(sha256(download.body()));
        assertThat(download.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("x-http2-"));
        assertThat(take(seen).version()).isEqualTo("HTTP/2.0");
    }

    @Test
    void h2OverTlsIsNegotiatedWithAlpn() {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        Http2SslContextSpec tls = Http2SslContextSpec.forServer(server.privateKey(), server.certificate());
        DisposableServer upstream = upstream(seen, s -> s.protocol(HttpProtocol.H2).secure(spec -> spec.sslContext(tls)));
        GatewayServer gw = gateway(upstream("https://127.0.0.1:" + upstream.port()).protocol(UpstreamProtocol.H2)
                .tls(UpstreamTls.builder().trustedCertificate(caFile).build()));

        byte[][] chunks = chunks(16, 8192);
        Answer answer = post(gw, "/upload", chunks);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("HTTP/2.0");
        Seen request = take(seen);
        assertThat(request.version()).isEqualTo("HTTP/2.0");
        assertThat(request.bodySha256()).isEqualTo(sha256(chunks));
    }

    @Test
    void h2FallsBackToHttp11WhenTheNodeOffersOnlyHttp11AndStillFramesTheBody() {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        DisposableServer upstream = upstream(seen, s -> s.secure(spec -> spec.sslContext(serverTls(server))));
        GatewayServer gw = gateway(upstream("https://127.0.0.1:" + upstream.port()).protocol(UpstreamProtocol.H2)
                .tls(UpstreamTls.builder().trustedCertificate(caFile).build()));

        byte[][] chunks = chunks(8, 4096);
        Answer answer = post(gw, "/upload", chunks);

        assertThat(answer.status()).isEqualTo(200);
        Seen request = take(seen);
        assertThat(request.version()).isEqualTo("HTTP/1.1");
        assertThat(request.headers().get("transfer-encoding")).isEqualTo("chunked");
        assertThat(request.bodySha256()).isEqualTo(sha256(chunks));
    }

    @Test
    void activeHealthChecksUseTheUpstreamsTlsAndProtocol() {
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        Http2SslContextSpec tls = Http2SslContextSpec.forServer(server.privateKey(), server.certificate())
                .configure(b -> b.clientAuth(ClientAuth.REQUIRE).trustManager(ca.certificate()));
        DisposableServer upstream = upstream(seen, s -> s.protocol(HttpProtocol.H2).secure(spec -> spec.sslContext(tls)));
        GatewayServer gw = gateway(upstream("https://127.0.0.1:" + upstream.port()).protocol(UpstreamProtocol.H2)
                .tls(UpstreamTls.builder().trustedCertificate(caFile).clientCertificate(gatewayCertificate)
                        .clientKey(gatewayKey).build())
                .healthCheck(HealthCheckSpec.builder().path("/health").interval(Duration.ofMillis(100))
                        .timeout(Duration.ofMillis(90)).build()));

        Seen probe = take(seen); // the first probe goes out at once
        assertThat(probe.headers().get("user-agent")).isEqualTo("portico-health-check");
        assertThat(probe.version()).isEqualTo("HTTP/2.0");
        assertThat(probe.clientCertificate()).isEqualTo("CN=portico-gateway");
        assertThat(gw.gateway().upstreamHealth().get(0).endpoints().get(0).activeHealthy()).isTrue();
    }

    // ---- upstreams

    private static Http11SslContextSpec serverTls(TestPki.Issued identity) {
        return Http11SslContextSpec.forServer(identity.privateKey(), identity.certificate());
    }

    /**
     * An upstream recording each request. {@code GET /download} streams 32 chunks of 8 KiB with their SHA-256 in
     * {@code X-Sha256}; anything else reads the body and answers 200 with the HTTP version it was spoken to in.
     */
    private DisposableServer upstream(BlockingQueue<Seen> seen, UnaryOperator<HttpServer> configure) {
        DisposableServer upstream = configure.apply(HttpServer.create().host("127.0.0.1").port(0))
                .handle((req, res) -> handle(req, res, seen))
                .bindNow();
        this.resources.add(upstream::disposeNow);
        return upstream;
    }

    private static Mono<Void> handle(HttpServerRequest req, HttpServerResponse res, BlockingQueue<Seen> seen) {
        MessageDigest digest = RecordingUpstream.sha256();
        long[] length = new long[1];
        HttpHeaders headers = req.requestHeaders().copy();
        String[] tls = new String[2];
        req.withConnection(connection -> {
            SSLSession session = session(connection);
            if (session != null) {
                tls[0] = sni(session);
                tls[1] = peer(session);
            }
        });
        return req.receive().doOnNext(buf -> {
            length[0] += buf.readableBytes();
            RecordingUpstream.update(digest, buf);
        }).then(Mono.defer(() -> {
            String version = req.version().text();
            seen.add(new Seen(version, req.method().name(), headers, length[0],
                    HexFormat.of().formatHex(digest.digest()), tls[0], tls[1]));
            if (req.uri().equals("/download")) {
                byte[][] chunks = chunks(32, 8192);
                return res.header("X-Sha256", sha256(chunks))
                        .send(Flux.fromArray(chunks).map(Unpooled::wrappedBuffer)).then();
            }
            return res.sendString(Mono.just(version)).then();
        }));
    }

    private static @Nullable SSLSession session(Connection connection) {
        Channel channel = connection.channel();
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null && channel.parent() != null) { // an HTTP/2 stream: TLS is on the parent connection
            ssl = channel.parent().pipeline().get(SslHandler.class);
        }
        return ssl == null ? null : ssl.engine().getSession();
    }

    private static @Nullable String sni(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    private static @Nullable String peer(SSLSession session) {
        try {
            return ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
        catch (SSLPeerUnverifiedException ex) {
            return null;
        }
    }

    // ---- gateway and client

    private static Upstream.Builder upstream(String node) {
        return Upstream.builder("svc").node(node);
    }

    private GatewayServer gateway(Upstream.Builder upstream) {
        GatewayServer gw = GatewayServer.start(Gateway.builder().upstream(upstream.build())
                .route(Route.builder("svc").match(m -> m.path("/**")).upstream("svc").build()).build());
        this.resources.add(gw);
        return gw;
    }

    private static Answer get(GatewayServer gw, String path) {
        return gw.client().get().uri(path)
                .responseSingle((res, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Answer(res.status().code(), res.responseHeaders(), bytes)))
                .block(Duration.ofSeconds(10));
    }

    private static Answer post(GatewayServer gw, String path, byte[][] chunks) {
        return gw.client().post().uri(path)
                .send(ByteBufFlux.fromInbound(Flux.fromArray(chunks)))
                .responseSingle((res, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Answer(res.status().code(), res.responseHeaders(), bytes)))
                .block(Duration.ofSeconds(10));
    }

    private static Seen take(BlockingQueue<Seen> seen) {
        try {
            Seen request = seen.poll(5, TimeUnit.SECONDS);
            assertThat(request).as("a request reached the upstream").isNotNull();
            return request;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static byte[][] chunks(int count, int size) {
        byte[][] chunks = new byte[count][size];
        for (byte[] chunk : chunks) {
            ThreadLocalRandom.current().nextBytes(chunk);
        }
        return chunks;
    }

    private static String sha256(byte[]... chunks) {
        MessageDigest digest = RecordingUpstream.sha256();
        for (byte[] chunk : chunks) {
            digest.update(chunk);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
