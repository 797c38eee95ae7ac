package dev.portico.samples.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Small JSON services on loopback ports, standing in for the services a real gateway fronts: users, products, and
 * orders in two versions (v1 and the canary v2, each on its own port). Each answers {@code GET /<service>/<id>} and
 * {@code GET /<service>}, and reports which instance served the request (and, for orders, which version) and which
 * gateway headers it received, so the effect of filters and of the canary split is visible with curl.
 */
@Component
@EnableConfigurationProperties(DemoServices.Ports.class)
class DemoServices implements SmartLifecycle {

    private static final Map<String, List<String>> DATA = Map.of(
            "users", List.of("Ada Lovelace", "Grace Hopper", "Alan Turing"),
            "orders", List.of("3 x keyboard", "1 x monitor", "2 x coffee"),
            "products", List.of("keyboard", "monitor", "coffee"));

    private final Ports ports;
    private final List<DisposableServer> servers = new ArrayList<>();

    DemoServices(Ports ports) {
        this.ports = ports;
    }

    @Override
    public void start() {
        this.servers.add(serve("users", null, this.ports.getUsers()));
        this.servers.add(serve("orders", "v1", this.ports.getOrders()));
        this.servers.add(serve("orders", "v2", this.ports.getOrdersV2()));
        this.servers.add(serve("products", null, this.ports.getProducts()));
    }

    /**
     * One instance of {@code service} on {@code port}.
     * @param version the instance's version label, shown in every answer as {@code "version"}; null for none
     */
    private static DisposableServer serve(String service, @Nullable String version, int port) {
        return HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> answer(service, version, request, response))
                .bindNow();
    }

    private static Mono<Void> answer(String service, @Nullable String version, HttpServerRequest request,
            HttpServerResponse response) {
        String path = request.fullPath();
        List<String> items = DATA.get(service);
        String prefix = "/" + service;
        String json;
        int status = 200;
        if (path.equals(prefix)) {
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                list.append(i == 0 ? "" : ",").append(item(service, i + 1, items.get(i)));
            }
            json = list.append(']').toString();
        }
        else if (path.startsWith(prefix + "/") && path.substring(prefix.length() + 1).matches("[1-9][0-9]{0,8}")) {
            int id = Integer.parseInt(path.substring(prefix.length() + 1));
            if (id <= items.size()) {
                json = item(service, id, items.get(id - 1));
            }
            else {
                status = 404;
                json = "{\"error\":\"no " + service + " with id " + id + "\"}";
            }
        }
        else {
            status = 404;
            json = "{\"error\":\"unknown path " + path.replace("\"", "") + "\"}";
        }
        String source = request.requestHeaders().get("X-Source", "");
        String audit = request.requestHeaders().get("X-Audit-Id", "");
        String user = request.requestHeaders().get("X-User-Id");
        String body = "{\"service\":\"" + service + "\","
                + (version == null ? "" : "\"version\":\"" + version + "\",")
                + "\"path\":\"" + path.replace("\"", "") + "\",\"source\":\"" + source.replace("\"", "")
                + "\",\"auditId\":\"" + audit.replace("\"", "") + "\","
                + (user == null ? "" : "\"user\":\"" + user.replace("\"", "") + "\",")
                + "\"data\":" + json + "}";
        return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }

    private static String item(String service, int id, String name) {
        return "{\"id\":" + id + ",\"" + (service.equals("users") ? "name" : "title") + "\":\"" + name + "\"}";
    }

    @Override
    public void stop() {
        this.servers.forEach(DisposableServer::disposeNow);
        this.servers.clear();
    }

    @Override
    public boolean isRunning() {
        return !this.servers.isEmpty();
    }

    /** Where the demo services listen. */
    @ConfigurationProperties("demo.ports")
    static class Ports {

        /** Port of the users service. */
        private int users = 9001;

        /** Port of the orders service, version 1 (the stable version). */
        private int orders = 9002;

        /** Port of the orders service, version 2 (the canary). */
        private int ordersV2 = 9004;

        /** Port of the products service. */
        private int products = 9003;

        public int getUsers() {
            return this.users;
        }

        public void setUsers(int users) {
            this.users = users;
        }

        public int getOrders() {
            return this.orders;
        }

        public void setOrders(int orders) {
            this.orders = orders;
        }

        public int getOrdersV2() {
            return this.ordersV2;
        }

        public void setOrdersV2(int ordersV2) {
            this.ordersV2 = ordersV2;
        }

        public int getProducts() {
            return this.products;
        }

        public void setProducts(int products) {
            this.products = products;
        }
    }
}
