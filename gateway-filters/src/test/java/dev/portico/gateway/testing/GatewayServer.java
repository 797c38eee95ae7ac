package dev.portico.gateway.testing;

import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.server.GatewayHandler;
import dev.portico.gateway.server.MalformedRequestHandler;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/** A real gateway on a loopback port 0, served by Reactor Netty without Spring Boot. */
public final class GatewayServer implements AutoCloseable {

    private final Gateway gateway;
    private final DisposableServer server;

    private GatewayServer(Gateway gateway) {
        this.gateway = gateway;
        this.server = MalformedRequestHandler.install(HttpServer.create().host("127.0.0.1").port(0))
                .handle(new GatewayHandler(gateway)).bindNow();
    }

    public static GatewayServer start(Gateway gateway) {
        return new GatewayServer(gateway);
    }

    public Gateway gateway() {
        return this.gateway;
    }

    public int port() {
        return this.server.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** A plain client pointed at the gateway (no connection pooling surprises between tests). */
    public HttpClient client() {
        return HttpClient.newConnection().baseUrl(baseUrl());
    }

    @Override
    public void close() {
        this.server.disposeNow();
        this.gateway.close();
    }
}
