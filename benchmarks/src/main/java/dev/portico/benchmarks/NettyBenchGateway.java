package dev.portico.benchmarks;

import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.server.GatewayHandler;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The engine served by a bare Reactor Netty server, without Spring Boot: {@code port upstream-url decoys}. For
 * comparison with {@link BenchGatewayApplication} (the numbers that count) and for developing {@code e2e.sh}
 * ({@code GATEWAY=netty}).
 */
public final class NettyBenchGateway {

    private NettyBenchGateway() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String upstream = args[1];
        int decoys = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Gateway gateway = Gateway.builder().routes(BenchRoutes.routes(upstream, decoys)).build();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle(new GatewayHandler(gateway)).bindNow();
        System.out.println("netty bench gateway on 127.0.0.1:" + server.port() + " with "
                + gateway.routeTable().size() + " routes");
        server.onDispose().block();
    }
}
