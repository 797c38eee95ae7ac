package dev.portico.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.portico.gateway.route.Route;

/**
 * The end-to-end route set: the one real route ({@code /api/bench/**}) plus decoys, the same shapes that
 * {@code e2e.sh} writes as YAML for the Boot app. Decoys share the real route's first segment ({@code /api}) and
 * add siblings at the root, so the table is as wide as it gets where the real request walks.
 */
public final class BenchRoutes {

    public static final String REAL_PATH = "/api/bench/**";

    private BenchRoutes() {
    }

    public static List<Route> routes(String upstream, int decoys) {
        List<Route> routes = new ArrayList<>(decoys + 1);
        for (int i = 0; i < decoys; i++) {
            String path = decoyPath(i);
            routes.add(Route.builder("decoy" + i).match(m -> m.path(path)).uri(upstream).build());
        }
        routes.add(Route.builder("real").match(m -> m.path(REAL_PATH)).uri(upstream).build());
        return routes;
    }

    /** The path of decoy {@code i}; keep in step with {@code e2e.sh}. */
    public static String decoyPath(int i) {
        return switch (i % 4) {
            case 0 -> "/api/d" + i + "/**";
            case 1 -> "/api/d" + i + "/items/{id}";
            case 2 -> "/svc" + i + "/**";
            default -> "/svc" + i + "/orders/{id}";
        };
    }
}
