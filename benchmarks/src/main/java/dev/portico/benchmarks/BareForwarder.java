package dev.portico.benchmarks;

import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The reference floor: a Reactor Netty server and client that only forward ({@code port upstream-url}), with no
 * routing, filters, forwarding headers or resilience. {@code GATEWAY=bare} in {@code e2e.sh} measures it in the same
 * arrangement, so the gateway's overhead over the transport is a number, not a guess. Paths outside
 * {@code /api/} get a 404 so the script's sanity checks pass.
 */
public final class BareForwarder {

    private BareForwarder() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String upstream = args[1];
        HttpClient client = HttpClient.create(ConnectionProvider.builder("bare").maxConnections(512).build())
                .keepAlive(true);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> {
                    if (!request.uri().startsWith("/api/")) {
                        return response.status(404).send();
                    }
                    return client.request(request.method())
                            .uri(upstream + request.uri())
                            .send((outgoing, outbound) -> {
                                outgoing.headers(request.requestHeaders());
                                return outbound.send(request.receive().retain());
                            })
                            .response((incoming, body) -> {
                                response.status(incoming.status()).headers(incoming.responseHeaders());
                                return response.send(body.retain());
                            })
                            .then();
                })
                .bindNow();
        System.out.println("bare forwarder on 127.0.0.1:" + server.port());
        server.onDispose().block();
    }
}
