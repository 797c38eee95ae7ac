package dev.portico.gateway.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.portico.gateway.autoconfigure.PorticoProperties.RouteProperties;
import dev.portico.gateway.autoconfigure.PorticoProperties.TimeoutProperties;
import dev.portico.gateway.autoconfigure.PorticoProperties.ValueConditionProperties;
import dev.portico.gateway.route.Fallback;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.route.RouteMatch;
import dev.portico.gateway.route.TrafficSplit;
import dev.portico.gateway.route.ValueCondition;
import dev.portico.gateway.upstream.HashKey;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Timeouts;
import dev.portico.gateway.upstream.Upstream;
import dev.portico.gateway.upstream.UpstreamNode;
import org.jspecify.annotations.Nullable;

/**
 * Turns bound {@code portico.*} properties into the engine's immutable routes and upstreams, once. Every problem is
 * reported as a {@link RouteDefinitionException} carrying the full property path
 * ({@code portico.routes[2].match.path}), which the failure analyzer shows to the user.
 */
final class PropertiesRouteMapper {

    private static final String ROUTES = "portico.routes";

    private final FilterFactories filters;
    private final UpstreamPolicyMapper policies;

    PropertiesRouteMapper(FilterFactories filters, UpstreamPolicyMapper policies) {
        this.filters = filters;
        this.policies = policies;
    }

    List<Upstream> upstreams(PorticoProperties properties) {
        List<Upstream> upstreams = new ArrayList<>();
        properties.getUpstreams().forEach((name, spec) -> {
            String property = "portico.upstreams." + name;
            if (spec.getNodes().isEmpty()) {
                throw new RouteDefinitionException(null, property + ".nodes", "upstream '" + name + "' has no nodes",
                        "add at least one node: nodes: [{ uri: http://host:port }]");
            }
            Upstream.Builder builder = Upstream.builder(name);
            for (int i = 0; i < spec.getNodes().size(); i++) {
                PorticoProperties.NodeProperties node = spec.getNodes().get(i);
                String nodeProperty = property + ".nodes[" + i + "]";
                if (node.getUri() == null) {
                    throw new RouteDefinitionException(null, nodeProperty + ".uri", "missing",
                            "set the node's address, e.g. uri: http://10.0.0.1:8080");
                }
                try {
                    builder.node(UpstreamNode.of(URI.create(node.getUri().trim()), node.getWeight())
                            .with(node.getZone(), node.getMetadata()));
                }
                catch (IllegalArgumentException ex) {
                    throw new RouteDefinitionException(null, nodeProperty, ex.getMessage(),
                            "expected uri: http(s)://host:port and weight: 1-10000", ex);
                }
            }
            builder.timeouts(timeouts(spec.getTimeouts(), null, property + ".timeouts"))
                    .loadBalancer(this.policies.loadBalancer(spec.getLoadBalancer(), property + ".load-balancer"))
                    .healthCheck(this.policies.healthCheck(spec.getHealthCheck(), property + ".health-check"))
                    .outlierDetection(this.policies.outlierDetection(spec.getOutlierDetection(),
                            property + ".outlier-detection"))
                    .hedging(this.policies.hedging(spec.getHedgeDelay(), property + ".hedge-delay"))
                    .circuitBreaker(this.policies.circuitBreaker(spec.getCircuitBreaker(), name,
                            property + ".circuit-breaker"))
                    .pool(this.policies.pool(spec.getPool(), properties.getPool(), property + ".pool"))
                    .panic(spec.isPanic())
                    .protocol(this.policies.protocol(spec.getProtocol(), property + ".protocol"))
                    .tls(this.policies.tls(spec.getTls(), property + ".tls"));
            RetryPolicy retry = this.policies.retry(spec.getRetry(), property + ".retry");
            if (retry != null) {
                builder.retry(retry);
            }
            try {
                upstreams.add(builder.build());
            }
            catch (IllegalArgumentException ex) { // the nodes' schemes against tls and protocol
                boolean anyHttps = spec.getNodes().stream()
                        .anyMatch(node -> node.getUri().trim().regionMatches(true, 0, "https:", 0, 6));
                String culprit = spec.getTls().isSet() && !anyHttps ? ".tls" : ".protocol";
                throw new RouteDefinitionException(null, property + culprit, ex.getMessage(),
                        "tls and h2 need https nodes; h2c needs http nodes", ex);
            }
        });
        return upstreams;
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

    private Route route(RouteProperties spec, String id, String property) {
        Route.Builder builder = Route.builder(id).order(spec.getOrder()).defaultFilters(spec.isDefaultFilters());
        boolean split = !spec.getSplit().getTargets().isEmpty();
        if ((spec.getUri() != null ? 1 : 0) + (spec.getUpstream() != null ? 1 : 0) + (split ? 1 : 0) > 1) {
            throw new RouteDefinitionException(id, property + ".uri", "more than one of uri, upstream and split is set",
                    "keep one: uri: http://host:port for one node, upstream: <name>, or split: { targets: [...] }");
        }
        if (split) {
            builder.split(split(spec.getSplit(), id, property + ".split"));
        }
        else if (spec.getUri() != null) {
            try {
                builder.uri(UpstreamNode.of(URI.create(spec.getUri().trim()), 1));
            }
            catch (IllegalArgumentException ex) {
                throw new RouteDefinitionException(id, property + ".uri", ex.getMessage(),
                        "expected http(s)://host:port", ex);
            }
        }
        else if (spec.getUpstream() != null) {
            builder.upstream(spec.getUpstream());
        }
        else {
            throw new RouteDefinitionException(id, property + ".uri", "the route has no target",
                    "set uri: http://host:port, upstream: <name> or split: { targets: [...] }");
        }
        builder.fallback(fallback(spec.getFallback(), id, property + ".fallback"));
        builder.match(match(spec.getMatch(), id, property + ".match"));
        builder.filters(this.filters.createAll(spec.getFilters(), id, property + ".filters"));
        builder.timeouts(timeouts(spec.getTimeouts(), id, property + ".timeouts"));
        try {
            builder.retry(this.policies.retry(spec.getRetry(), property + ".retry"))
                    .hedging(this.policies.hedging(spec.getHedgeDelay(), property + ".hedge-delay"))
                    .circuitBreaker(this.policies.circuitBreaker(spec.getCircuitBreaker(), "route-" + id,
                            property + ".circuit-breaker"));
        }
        catch (RouteDefinitionException ex) {
            throw ex.within(id, "");
        }
        spec.getMetadata().forEach(builder::metadata);
        try {
            return builder.build();
        }
        catch (RouteDefinitionException ex) {
            // the engine names the property relative to the route ("match"): prefix it with the route's path
            throw ex.property().startsWith("portico.") ? ex : ex.within(id, property);
        }
    }

    private static TrafficSplit split(SplitProperties spec, String id, String property) {
        TrafficSplit.Builder b = TrafficSplit.builder();
        for (int i = 0; i < spec.getTargets().size(); i++) {
            SplitProperties.Target target = spec.getTargets().get(i);
            String p = property + ".targets[" + i + "]";
            apply(id, p, "expected upstream: <name> and weight: 0-10000",
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
            apply(id, property + ".sticky", "expected header:<name>, cookie:<name>, client-ip, path or consumer",
                    () -> b.sticky(HashKey.parse(spec.getSticky())));
        }
        SplitProperties.Rollback rollback = spec.getRollback();
        if (rollback.isEnabled()) {
            apply(id, property + ".rollback", "expected error-rate 1-100, min-requests >= 1, a positive window",
                    () -> b.rollback(new TrafficSplit.Rollback(rollback.getErrorRate(), rollback.getMinRequests(),
                            rollback.getWindow())));
        }
        TrafficSplit[] built = new TrafficSplit[1];
        apply(id, property, "see docs/canary.md", () -> built[0] = b.build());
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
        apply(id, property, "expected upstream: <name>, or status: 200-599 with a body", () -> built[0] =
                spec.getUpstream() != null ? Fallback.upstream(spec.getUpstream())
                        : Fallback.response(spec.getStatus() == null ? 200 : spec.getStatus(), spec.getContentType(),
                                spec.getBody() == null ? "" : spec.getBody()));
        return built[0];
    }

    private static RouteMatch match(PorticoProperties.MatchProperties spec, String id, String property) {
        RouteMatch.Builder b = RouteMatch.builder();
        if (spec.getPath() != null && spec.getPathRegex() != null) {
            throw new RouteDefinitionException(id, property + ".path", "both path and path-regex are set",
                    "keep one of them");
        }
        if (spec.getPath() != null) {
            apply(id, property + ".path", "expected e.g. /api/users/** or /api/users/{id}", () -> b.path(spec.getPath()));
        }
        if (spec.getPathRegex() != null) {
            apply(id, property + ".path-regex", "expected a Java regular expression", () -> b.pathRegex(spec.getPathRegex()));
        }
        for (int i = 0; i < spec.getHosts().size(); i++) {
            String host = spec.getHosts().get(i);
            apply(id, property + ".hosts[" + i + "]", "expected e.g. api.example.com, *.example.com or {tenant}.example.com",
                    () -> b.host(host));
        }
        for (int i = 0; i < spec.getMethods().size(); i++) {
            String method = spec.getMethods().get(i);
            apply(id, property + ".methods[" + i + "]", "expected an HTTP method such as GET", () -> b.methods(method));
        }
        conditions(spec.getHeaders(), id, property + ".headers", b::header);
        conditions(spec.getQueryParams(), id, property + ".query-params", b::queryParam);
        conditions(spec.getCookies(), id, property + ".cookies", b::cookie);
        for (int i = 0; i < spec.getRemoteAddresses().size(); i++) {
            String cidr = spec.getRemoteAddresses().get(i);
            apply(id, property + ".remote-addresses[" + i + "]", "expected CIDR notation, e.g. 10.0.0.0/8",
                    () -> b.remoteAddress(cidr));
        }
        return b.build();
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
            apply(id, p + ".regex", "expected a Java regular expression", () -> sink.accept(
                    spec.getRegex() != null ? ValueCondition.regex(spec.getName(), spec.getRegex())
                            : spec.getValue() != null ? ValueCondition.exact(spec.getName(), spec.getValue())
                                    : ValueCondition.present(spec.getName())));
        }
    }

    private static Timeouts timeouts(TimeoutProperties spec, @Nullable String id, String property) {
        try {
            return Timeouts.of(spec.getConnect(), spec.getResponse(), spec.getOverall());
        }
        catch (IllegalArgumentException ex) {
            throw new RouteDefinitionException(id, property, ex.getMessage(), "use a positive duration such as 2s", ex);
        }
    }

    private static void apply(@Nullable String id, String property, String fix, Runnable step) {
        try {
            step.run();
        }
        catch (RouteDefinitionException ex) {
            throw ex;
        }
        catch (IllegalArgumentException ex) {
            throw new RouteDefinitionException(id, property, ex.getMessage(), fix, ex);
        }
    }
}
