package dev.portico.gateway.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.route.Route;
import dev.portico.gateway.server.Gateway;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/portico-routes}: the routes in precedence order with their targets, and a write operation that
 * moves a split route's weights (a step of a canary rollout, or a rollback):
 * {@code POST /actuator/portico-routes/orders} with {@code {"weights": "orders-v1=75,orders-v2=25"}}.
 */
@Endpoint(id = "portico-routes")
public final class PorticoRoutesEndpoint {

    private final Gateway gateway;

    public PorticoRoutesEndpoint(Gateway gateway) {
        this.gateway = gateway;
    }

    @ReadOperation
    public List<Map<String, Object>> routes() {
        return this.gateway.routes().stream().map(PorticoRoutesEndpoint::describe).toList();
    }

    @ReadOperation
    public @Nullable Map<String, Object> route(@Selector String id) {
        return this.gateway.routes().stream().filter(r -> r.id().equals(id)).findFirst()
                .map(PorticoRoutesEndpoint::describe).orElse(null);
    }

    /** Sets split weights, e.g. {@code weights=orders-v1=75,orders-v2=25}; returns the route as it is now. */
    @WriteOperation
    public @Nullable Map<String, Object> split(@Selector String id, String weights) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String pair : weights.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("weights: '" + pair + "' (expected upstream=weight, comma-separated)");
            }
            parsed.put(pair.substring(0, eq).trim(), Integer.parseInt(pair.substring(eq + 1).trim()));
        }
        this.gateway.updateSplit(id, parsed);
        return route(id);
    }

    private static Map<String, Object> describe(Route route) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("id", route.id());
        description.put("order", route.order());
        description.put("match", route.match().toString());
        if (route.split() != null) {
            description.put("split", route.split().weights());
            if (route.split().sticky() != null) {
                description.put("sticky", route.split().sticky().toString());
            }
        }
        else {
            description.put("target", route.uri() != null ? route.uri().uri().toString() : "upstream " + route.upstream());
        }
        description.put("filters", route.filters().stream().map(Object::toString).toList());
        return description;
    }
}
