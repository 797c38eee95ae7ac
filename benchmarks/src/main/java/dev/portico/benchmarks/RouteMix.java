package dev.portico.benchmarks;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.route.Route;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * A realistic route set of a given size and a fixed set of requests against it, shared by the JMH benchmarks.
 *
 * <p>Routes, for {@code i} in {@code [0, n - 3)}, cycling through five shapes:
 * <pre>
 *   i % 5 == 0   /svc{i}/**                                   literal prefix
 *   i % 5 == 1   /svc{i}/items/{id}                           template
 *   i % 5 == 2   /svc{i}/items/{id}/reviews      GET, POST    template + method condition
 *   i % 5 == 3   /api/v2/svc{i}/**               host svc{i}.example.com   (many siblings under /api/v2)
 *   i % 5 == 4   /svc{i}/orders/*&#47;lines/{line}              deep template
 * </pre>
 * plus three fixed routes: {@code /health}, {@code /static/**} and {@code /{tenant}/status} (a variable first
 * segment, so every lookup also walks the root's variable branch).
 */
public final class RouteMix {

    static final String URI = "http://127.0.0.1:9";

    private RouteMix() {
    }

    public static List<Route> routes(int n) {
        List<Route> routes = new ArrayList<>(n);
        routes.add(Route.builder("health").match(m -> m.path("/health")).uri(URI).build());
        routes.add(Route.builder("static").match(m -> m.path("/static/**")).uri(URI).build());
        routes.add(Route.builder("tenant-status").match(m -> m.path("/{tenant}/status")).uri(URI).build());
        for (int i = 0; routes.size() < n; i++) {
            routes.add(route(i));
        }
        return routes;
    }

    static Route route(int i) {
        String id = "r" + i;
        return switch (i % 5) {
            case 0 -> Route.builder(id).match(m -> m.path("/svc" + i + "/**")).uri(URI).build();
            case 1 -> Route.builder(id).match(m -> m.path("/svc" + i + "/items/{id}")).uri(URI).build();
            case 2 -> Route.builder(id).match(m -> m.path("/svc" + i + "/items/{id}/reviews").methods("GET", "POST"))
                    .uri(URI).build();
            case 3 -> Route.builder(id).match(m -> m.path("/api/v2/svc" + i + "/**").host("svc" + i + ".example.com"))
                    .uri(URI).build();
            default -> Route.builder(id).match(m -> m.path("/svc" + i + "/orders/*/lines/{line}")).uri(URI).build();
        };
    }

    /** One request of the rotating set, and the route id it must resolve to ({@code null}: a miss). */
    public record Probe(HttpMethod method, String uri, @Nullable String host, @Nullable String expectedRouteId) {

        public GatewayExchange exchange() {
            return GatewayExchange.of(this.method, this.uri, headers(), new InetSocketAddress("127.0.0.1", 40000));
        }

        /** Fresh headers, as a client like curl or a browser would send them. */
        public HttpHeaders headers() {
            HttpHeaders headers = new DefaultHttpHeaders();
            headers.add("host", this.host != null ? this.host : "gateway.example.com");
            headers.add("user-agent", "bench/1.0");
            headers.add("accept", "application/json");
            headers.add("connection", "keep-alive");
            return headers;
        }
    }

    /**
     * {@code count} requests spread over the whole route range: hits at depths 1 to 5 (about 3 in 4) and misses
     * (unknown first segment, a template one segment short, a method or host condition that fails).
     */
    public static List<Probe> probes(int n, int count) {
        int generated = n - 3; // routes r0 .. r(generated-1)
        List<Probe> probes = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            // a route index of the wanted shape, spread over [0, generated)
            int shape = k % 12;
            int base = (int) ((long) k * 7919 % Math.max(1, generated));
            probes.add(probe(shape, base, generated, k));
        }
        return probes;
    }

    private static int ofShape(int base, int shape, int generated) {
        int i = base - base % 5 + shape;
        if (i >= generated) {
            i -= 5;
        }
        return i;
    }

    private static Probe probe(int kind, int base, int generated, int k) {
        HttpMethod get = HttpMethod.GET;
        int i;
        switch (kind) {
            case 0:
                i = ofShape(base, 0, generated);
                return new Probe(get, "/svc" + i + "/a/b/c?x=1", null, "r" + i);
            case 1:
                i = ofShape(base, 1, generated);
                return new Probe(get, "/svc" + i + "/items/" + (1000 + k), null, "r" + i);
            case 2:
                i = ofShape(base, 2, generated);
                return new Probe(HttpMethod.POST, "/svc" + i + "/items/42/reviews", null, "r" + i);
            case 3:
                i = ofShape(base, 3, generated);
                return new Probe(get, "/api/v2/svc" + i + "/things/7", "svc" + i + ".example.com:8080", "r" + i);
            case 4:
                i = ofShape(base, 4, generated);
                return new Probe(get, "/svc" + i + "/orders/17/lines/3", null, "r" + i);
            case 5:
                return new Probe(get, "/health", null, "health");
            case 6:
                return new Probe(get, "/acme/status", null, "tenant-status");
            case 7:
                return new Probe(get, "/static/css/site.css", null, "static");
            case 8: // unknown first segment
                return new Probe(get, "/nosuch" + k + "/items/1", null, null);
            case 9: // template one segment short
                i = ofShape(base, 1, generated);
                return new Probe(get, "/svc" + i + "/items", null, null);
            case 10: // method condition fails
                i = ofShape(base, 2, generated);
                return new Probe(HttpMethod.DELETE, "/svc" + i + "/items/42/reviews", null, null);
            default: // host condition fails
                i = ofShape(base, 3, generated);
                return new Probe(get, "/api/v2/svc" + i + "/things/7", "other.example.com", null);
        }
    }
}
