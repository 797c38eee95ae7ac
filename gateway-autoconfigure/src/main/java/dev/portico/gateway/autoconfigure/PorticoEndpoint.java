package dev.portico.gateway.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.health.UpstreamHealth;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/portico}: the gateway's routes and upstreams, as data.
 *
 * <ul>
 * <li>{@code GET /actuator/portico}: both;</li>
 * <li>{@code GET /actuator/portico/routes}, {@code /routes/{id}}: routes in declaration order, each in the shape of
 * its YAML configuration (match, target or split with current weights, filters by name with their arguments,
 * timeouts, retry, hedging, breaker, fallback; see {@link RouteDescriptions});</li>
 * <li>{@code GET /actuator/portico/upstreams}, {@code /upstreams/{name}}: what health checking knows about every node
 * (active verdict, ejection and its remaining time, requests in flight, latency average, slow-start ramp);</li>
 * <li>{@code POST /actuator/portico/routes/{id}} with {@code {"weights": "orders-v1=75,orders-v2=25"}}: moves a split
 * route's weights (a step of a canary rollout, or a rollback) and answers the route as it is now.</li>
 * </ul>
 *
 * Technology-neutral (JMX too): an unknown id is {@code null} and bad input an {@link InvalidEndpointRequestException}.
 * Over HTTP, {@link PorticoEndpointWebExtension} turns both into {@code application/problem+json} answers that say
 * why, which the actuator would otherwise hide.
 */
@Endpoint(id = "portico")
public final class PorticoEndpoint {

    static final String ROUTES = "routes";
    static final String UPSTREAMS = "upstreams";

    private static final String WEIGHTS_FORM = "expected upstream=weight, comma-separated, e.g. orders-v1=75,orders-v2=25";

    private final Gateway gateway;
    private final RouteDescriptions descriptions;

    /** Filters built in Java and from configuration alike appear by class name. */
    public PorticoEndpoint(Gateway gateway) {
        this(gateway, null);
    }

    /** @param filters what shows configured filters by factory name and arguments; null shows them by class */
    public PorticoEndpoint(Gateway gateway, @Nullable FilterFactories filters) {
        this.gateway = gateway;
        Function<GatewayFilter, @Nullable FilterDescription> lookup = filters == null ? f -> null : filters::description;
        this.descriptions = new RouteDescriptions(lookup);
    }

    @ReadOperation
    public Map<String, Object> portico() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put(ROUTES, routes());
        all.put(UPSTREAMS, this.gateway.upstreamHealth());
        return all;
    }

    /** {@code routes} or {@code upstreams}; null for another name. */
    @ReadOperation
    public @Nullable Object section(@Selector String section) {
        return switch (section) {
            case ROUTES -> routes();
            case UPSTREAMS -> this.gateway.upstreamHealth();
            default -> null;
        };
    }

    /** One route or upstream; null when there is none by that name. */
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

    /**
     * Sets split weights, e.g. {@code weights=orders-v1=75,orders-v2=25}; targets not named keep theirs.
     * @return the route as it is now, or null when there is no such route
     * @throws InvalidEndpointRequestException naming what is wrong with the request; nothing changed then
     */
    @WriteOperation
    public @Nullable Map<String, Object> split(@Selector String section, @Selector String name,
            @Nullable String weights) {
        if (!ROUTES.equals(section)) {
            throw invalid("only routes can be changed (expected POST to routes/{id}, not " + section + "/" + name + ")");
        }
        if (route(name) == null) {
            return null;
        }
        Map<String, Integer> parsed = parseWeights(weights);
        try {
            this.gateway.updateSplit(name, parsed);
        }
        catch (IllegalArgumentException ex) { // no split, not a target, all 0: the engine names it
            throw invalid("route '" + name + "': " + ex.getMessage());
        }
        return route(name);
    }

    /** {@code orders-v1=75, orders-v2=25} by name; every fault named with the pair that has it. */
    private static Map<String, Integer> parseWeights(@Nullable String weights) {
        if (weights == null || weights.isBlank()) {
            throw invalid("weights: missing (" + WEIGHTS_FORM + ")");
        }
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String pair : weights.split(",")) {
            int eq = pair.indexOf('=');
            String target = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            String weight = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (eq < 0) {
                throw invalid("weights: '" + pair.trim() + "' is not upstream=weight (" + WEIGHTS_FORM + ")");
            }
            if (target.isEmpty()) {
                throw invalid("weights: '" + pair.trim() + "' names no upstream (" + WEIGHTS_FORM + ")");
            }
            if (!weight.matches("[0-9]{1,9}")) {
                throw invalid("weights: '" + pair.trim() + "' is not a number (" + WEIGHTS_FORM + ")");
            }
            if (parsed.put(target, Integer.parseInt(weight)) != null) {
                throw invalid("weights: '" + target + "' is given twice (" + WEIGHTS_FORM + ")");
            }
        }
        return parsed;
    }

    private static InvalidEndpointRequestException invalid(String reason) {
        return new InvalidEndpointRequestException(reason, reason);
    }

    /** The ids of the routes, or the names of the upstreams: what a 404 offers instead. */
    List<String> names(String section) {
        return ROUTES.equals(section) ? this.gateway.routes().stream().map(Route::id).toList()
                : this.gateway.upstreamHealth().stream().map(UpstreamHealth::upstream).toList();
    }

    private List<Map<String, Object>> routes() {
        return this.gateway.routes().stream().map(this.descriptions::describe).toList();
    }

    private @Nullable Map<String, Object> route(String id) {
        return this.gateway.routes().stream().filter(r -> r.id().equals(id)).findFirst()
                .map(this.descriptions::describe).orElse(null);
    }
}
