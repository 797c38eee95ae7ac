package dev.portico.gateway.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.server.Gateway;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/portico}: the gateway's routes and upstreams.
 *
 * <ul>
 * <li>{@code GET /actuator/portico}: both;</li>
 * <li>{@code GET /actuator/portico/routes}, {@code /routes/{id}}: routes in declaration order with their targets and
 * split weights;</li>
 * <li>{@code GET /actuator/portico/upstreams}, {@code /upstreams/{name}}: what health checking knows about every node
 * (active verdict, ejection and its remaining time, requests in flight, latency average, slow-start ramp);</li>
 * <li>{@code POST /actuator/portico/routes/{id}} with {@code {"weights": "orders-v1=75,orders-v2=25"}}: moves a split
 * route's weights (a step of a canary rollout, or a rollback). Bad input is a 400.</li>
 * </ul>
 */
@Endpoint(id = "portico")
public final class PorticoEndpoint {

    private static final String ROUTES = "routes";
    private static final String UPSTREAMS = "upstreams";

    private final Gateway gateway;

    public PorticoEndpoint(Gateway gateway) {
        this.gateway = gateway;
    }

    @ReadOperation
    public Map<String, Object> portico() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put(ROUTES, routes());
        all.put(UPSTREAMS, this.gateway.upstreamHealth());
        return all;
    }

    @ReadOperation
    public @Nullable Object section(@Selector String section) {
        return switch (section) {
            case ROUTES -> routes();
            case UPSTREAMS -> this.gateway.upstreamHealth();
            default -> null;
        };
    }

    @ReadOperation
    public @Nullable Object item(@Selector String section, @Selector String name) {
        if (ROUTES.equals(section)) {
            return route(name);
        }
        if (UPSTREAMS.equals(section)) {
            UpstreamCluster cluster = this.gateway.upstream(name);
            return cluster == null ? null : cluster.health();
        }
        return null;
    }

    /** Sets split weights, e.g. {@code weights=orders-v1=75,orders-v2=25}; returns the route as it is now. */
    @WriteOperation
    public @Nullable Map<String, Object> split(@Selector String section, @Selector String name, String weights) {
        if (!ROUTES.equals(section)) {
            throw new InvalidEndpointRequestException("only routes can be changed", "POST /actuator/portico/routes/{id}");
        }
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String pair : weights.split(",")) {
            int eq = pair.indexOf('=');
            String weight = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (eq <= 0 || !weight.matches("[0-9]{1,5}")) {
                throw new InvalidEndpointRequestException("weights: '" + pair + "' (expected upstream=weight, comma-separated)",
                        "weights: '" + pair + "' (expected upstream=weight, comma-separated)");
            }
            parsed.put(pair.substring(0, eq).trim(), Integer.parseInt(weight));
        }
        try {
            this.gateway.updateSplit(name, parsed);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
        }
        return route(name);
    }

    private List<Map<String, Object>> routes() {
        return this.gateway.routes().stream().map(PorticoEndpoint::describe).toList();
    }

    private @Nullable Map<String, Object> route(String id) {
        return this.gateway.routes().stream().filter(r -> r.id().equals(id)).findFirst()
                .map(PorticoEndpoint::describe).orElse(null);
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
