package dev.portico.gateway.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.portico.gateway.route.Fallback;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.route.RouteMatch;
import dev.portico.gateway.route.TrafficSplit;
import dev.portico.gateway.route.ValueCondition;
import dev.portico.gateway.upstream.HashKey;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.upstream.Upstream;
import dev.portico.gateway.upstream.UpstreamNode;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;

/**
 * Turns bound {@code portico.*} properties into the engine's immutable routes and upstreams, once. The engine checks
 * every value; a refusal names the property relative to what was built, and this prefixes it with the path of that
 * object ({@code portico.routes[2]} + {@code match.path}), which the failure analyzer shows to the user. Checks here
 * are only those the engine's API cannot express: a missing id or node uri, a force rule with both header and
 * cookie.
 */
final class PropertiesRouteMapper {

    private static final String ROUTES = "portico.routes";

    private static final PropertyMapper MAP = PropertyMapper.get();

    private final FilterFactories filters;
    private final TrafficPolicyMapper policies;

    PropertiesRouteMapper(FilterFactories filters, TrafficPolicyMapper policies) {
        this.filters = filters;
        this.policies = policies;
    }

    /** @param pool the gateway's pool settings, which an upstream's pool properties override value by value */
    List<Upstream> upstreams(PorticoProperties properties, PoolSettings pool) {
        List<Upstream> upstreams = new ArrayList<>();
        properties.getUpstreams().forEach((name, spec) -> upstreams.add(upstream(name, spec, pool)));
        return upstreams;
    }

    private Upstream upstream(String name, UpstreamProperties spec, PoolSettings pool) {
        String property = "portico.upstreams." + name;
        Upstream.Builder builder = Upstream.builder(name);
        for (int i = 0; i < spec.getNodes().size(); i++) {
            NodeProperties node = spec.getNodes().get(i);
            String nodeProperty = property + ".nodes[" + i + "]";
            if (node.getUri() == null) {
                throw new RouteDefinitionException(null, nodeProperty + ".uri", "missing",
                        "set the node's address, e.g. uri: http://10.0.0.1:8080");
            }
            URI uri = Specs.valid(null, nodeProperty + ".uri", "expected http(s)://host:port",
                    () -> URI.create(node.getUri().trim()));
            Specs.run(null, nodeProperty, "expected uri: http(s)://host:port and weight: 1-10000",
                    () -> builder.node(UpstreamNode.of(uri, node.getWeight()).with(node.getZone(), node.getMetadata())));
        }
        builder.policy(this.policies.policy(spec.getTimeouts(), spec.getRetry(), spec.getHedgeDelay(),
                        spec.getCircuitBreaker(), name, null, property))
                .loadBalancer(UpstreamPolicyMapper.loadBalancer(spec.getLoadBalancer(), property + ".load-balancer"))
                .healthCheck(UpstreamPolicyMapper.healthCheck(spec.getHealthCheck(), property + ".health-check"))
                .outlierDetection(UpstreamPolicyMapper.outlierDetection(spec.getOutlierDetection(),
                        property + ".outlier-detection"))
                .pool(spec.getPool().isSet() ? UpstreamPolicyMapper.pool(spec.getPool(), pool, property + ".pool") : null)
                .panic(spec.isPanic())
                .tls(UpstreamPolicyMapper.tls(spec.getTls(), property + ".tls"));
        MAP.from(spec::getProtocol).to(builder::protocol);
        // names nodes, tls or protocol itself when the nodes' schemes do not fit
        return Specs.valid(null, property, "tls and h2 need https nodes; h2c needs http nodes", builder::build);
    }

    List<Route> routes(PorticoProperties properties) {
        List<Route> routes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<RouteProperties> specs = properties.getRoutes();
        for (int i = 0; i < specs.size(); i++) {
            RouteProperties spec = specs.get(i);
            String property = ROUTES + "[" + i + "]";
            String id = spec.getId();
            if (id == null || id.isBlank()) {
                throw new RouteDefinitionException(null, property + ".id", "missing", "give every route a unique id");
            }
            Integer prior = seen.put(id, i);
            if (prior != null) {
                throw new RouteDefinitionException(id, property + ".id", "duplicate route id (also " + ROUTES + "["
                        + prior + "])", "give every route a unique id");
            }
            routes.add(route(spec, id, property));
        }
        return routes;
    }

    /** Every target given goes to the builder: the route itself refuses none or more than one. */
    private Route route(RouteProperties spec, String id, String property) {
        Route.Builder builder = Route.builder(id).order(spec.getOrder()).defaultFilters(spec.isDefaultFilters())
                .publicAccess(spec.isPublic());
        if (!spec.getSplit().getTargets().isEmpty()) {
            builder.split(split(spec.getSplit(), id, property + ".split"));
        }
        if (spec.getUri() != null) {
            URI uri = Specs.valid(id, property + ".uri", "expected http(s)://host:port",
                    () -> URI.create(spec.getUri().trim()));
            Specs.run(id, property, "expected http(s)://host:port", () -> builder.uri(UpstreamNode.of(uri, 1)));
        }
        if (spec.getUpstream() != null) {
            builder.upstream(spec.getUpstream());
        }
        builder.fallback(fallback(spec.getFallback(), id, property + ".fallback"));
        builder.match(match(spec.getMatch(), id, property + ".match"));
        builder.filters(this.filters.createAll(spec.getFilters(), id, property + ".filters"));
        builder.policy(this.policies.policy(spec.getTimeouts(), spec.getRetry(), spec.getHedgeDelay(),
                spec.getCircuitBreaker(), "route-" + id, id, property));
        spec.getMetadata().forEach(builder::metadata);
        try {
            return builder.build();
        }
        catch (RouteDefinitionException ex) {
            throw ex.within(id, property); // the route names the property relative to itself ("uri", "match")
        }
    }

    private static TrafficSplit split(SplitProperties spec, String id, String property) {
        TrafficSplit.Builder b = TrafficSplit.builder();
        for (int i = 0; i < spec.getTargets().size(); i++) {
            SplitProperties.Target target = spec.getTargets().get(i);
            String p = property + ".targets[" + i + "]";
            Specs.run(id, p, "expected upstream: <name> and weight: 0-10000",
                    () -> b.target(target.getUpstream() == null ? "" : target.getUpstream(), target.getWeight()));
        }
        for (int i = 0; i < spec.getForce().size(); i++) {
            SplitProperties.Force rule = spec.getForce().get(i);
            String p = property + ".force[" + i + "]";
            if ((rule.getHeader() == null) == (rule.getCookie() == null) || rule.getValue() == null
                    || rule.getUpstream() == null) {
                throw new RouteDefinitionException(id, p, "incomplete force rule",
                        "set header or cookie (one of them), value and upstream");
            }
            b.force(rule.getHeader() != null ? TrafficSplit.Force.header(rule.getHeader(), rule.getValue(), rule.getUpstream())
                    : TrafficSplit.Force.cookie(rule.getCookie(), rule.getValue(), rule.getUpstream()));
        }
        if (spec.getSticky() != null) {
            Specs.run(id, property + ".sticky", "expected header:<name>, cookie:<name>, client-ip, path or consumer",
                    () -> b.sticky(HashKey.parse(spec.getSticky())));
        }
        SplitProperties.Rollback rollback = spec.getRollback();
        if (rollback.isEnabled()) {
            Specs.run(id, property + ".rollback", "expected error-rate 1-100, min-requests >= 1, a positive window",
                    () -> b.rollback(new TrafficSplit.Rollback(rollback.getErrorRate(), rollback.getMinRequests(),
                            rollback.getWindow())));
        }
        TrafficSplit[] built = new TrafficSplit[1];
        Specs.run(id, property, "see docs/canary.md", () -> built[0] = b.build());
        return built[0];
    }

    private static @Nullable Fallback fallback(FallbackProperties spec, String id, String property) {
        if (spec.getUpstream() == null && spec.getStatus() == null && spec.getBody() == null) {
            return null;
        }
        if (spec.getUpstream() != null && (spec.getStatus() != null || spec.getBody() != null)) {
            throw new RouteDefinitionException(id, property, "both an upstream and a fixed response are set",
                    "keep upstream: <name>, or status and body");
        }
        Fallback[] built = new Fallback[1];
        Specs.run(id, property, "expected upstream: <name>, or status: 200-599 with a body", () -> built[0] =
                spec.getUpstream() != null ? Fallback.upstream(spec.getUpstream())
                        : Fallback.response(spec.getStatus() == null ? 200 : spec.getStatus(), spec.getContentType(),
                                spec.getBody() == null ? "" : spec.getBody()));
        return built[0];
    }

    private static RouteMatch match(MatchProperties spec, String id, String property) {
        RouteMatch.Builder b = RouteMatch.builder();
        if (spec.getPath() != null) {
            Specs.run(id, property + ".path", "expected e.g. /api/users/** or /api/users/{id}", () -> b.path(spec.getPath()));
        }
        if (spec.getPathRegex() != null) {
            Specs.run(id, property + ".path-regex", "expected a Java regular expression", () -> b.pathRegex(spec.getPathRegex()));
        }
        for (int i = 0; i < spec.getHosts().size(); i++) {
            String host = spec.getHosts().get(i);
            Specs.run(id, property + ".hosts[" + i + "]", "expected e.g. api.example.com, *.example.com or {tenant}.example.com",
                    () -> b.host(host));
        }
        for (int i = 0; i < spec.getMethods().size(); i++) {
            String method = spec.getMethods().get(i);
            Specs.run(id, property + ".methods[" + i + "]", "expected an HTTP method such as GET", () -> b.methods(method));
        }
        conditions(spec.getHeaders(), id, property + ".headers", b::header);
        conditions(spec.getQueryParams(), id, property + ".query-params", b::queryParam);
        conditions(spec.getCookies(), id, property + ".cookies", b::cookie);
        for (int i = 0; i < spec.getRemoteAddresses().size(); i++) {
            String cidr = spec.getRemoteAddresses().get(i);
            Specs.run(id, property + ".remote-addresses[" + i + "]", "expected CIDR notation, e.g. 10.0.0.0/8",
                    () -> b.remoteAddress(cidr));
        }
        return Specs.valid(id, property, "see docs/routes.md#match-conditions", b::build); // path and path-regex
    }

    private static void conditions(List<ValueConditionProperties> specs, String id, String property,
            Consumer<ValueCondition> sink) {
        for (int i = 0; i < specs.size(); i++) {
            ValueConditionProperties spec = specs.get(i);
            String p = property + "[" + i + "]";
            if (spec.getName() == null || spec.getName().isBlank()) {
                throw new RouteDefinitionException(id, p + ".name", "missing", "name the header, parameter or cookie");
            }
            if (spec.getValue() != null && spec.getRegex() != null) {
                throw new RouteDefinitionException(id, p, "both value and regex are set", "keep one of them");
            }
            Specs.run(id, p + ".regex", "expected a Java regular expression", () -> sink.accept(
                    spec.getRegex() != null ? ValueCondition.regex(spec.getName(), spec.getRegex())
                            : spec.getValue() != null ? ValueCondition.exact(spec.getName(), spec.getValue())
                                    : ValueCondition.present(spec.getName())));
        }
    }
}
