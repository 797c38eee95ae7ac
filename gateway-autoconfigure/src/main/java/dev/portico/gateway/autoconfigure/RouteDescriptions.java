package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.route.Fallback;
import dev.portico.gateway.route.HostPattern;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteMatch;
import dev.portico.gateway.route.TrafficSplit;
import dev.portico.gateway.route.ValueCondition;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Timeouts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Route} as data in the shape of its YAML configuration: the keys of {@code portico.routes[n]}
 * ({@code match.path}, {@code split.targets}, {@code timeouts.connect}, {@code hedge-delay}...), durations as
 * {@code 2s}, what is unset left out. That is the shape a client reads and, later, an admin API accepts.
 *
 * <pre>{@code
 * {"id": "orders", "order": 0,
 *  "match": {"path": "/api/orders/**", "methods": ["GET"], "headers": [{"name": "X-Tenant", "value": "acme"}]},
 *  "split": {"targets": [{"upstream": "orders-v1", "weight": 95}, {"upstream": "orders-v2", "weight": 5}]},
 *  "filters": [{"name": "strip-prefix", "args": {"parts": 1}}], "default-filters": true,
 *  "timeouts": {"response": "5s"}}
 * }</pre>
 *
 * Filters made by {@link FilterFactories} appear by factory name with their bound arguments; a filter built in Java
 * has no configuration to show, so it appears by class: {@code {"name": "AuditFilter", "class": "com.example.AuditFilter"}}.
 * Plain maps and lists, so any JSON mapper writes them and key order is the order above.
 */
final class RouteDescriptions {

    private final Function<GatewayFilter, @Nullable FilterDescription> filters;

    /** @param filters the description of a filter built from configuration, or null for one built in Java */
    RouteDescriptions(Function<GatewayFilter, @Nullable FilterDescription> filters) {
        this.filters = filters;
    }

    Map<String, Object> describe(Route route) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", route.id());
        out.put("order", route.order());
        out.put("match", match(route.match()));
        if (route.split() != null) {
            out.put("split", split(route.split()));
        }
        else if (route.uri() != null) {
            out.put("uri", route.uri().uri().toString());
        }
        else {
            out.put("upstream", route.upstream());
        }
        out.put("filters", route.filters().stream().map(this::filter).toList());
        out.put("default-filters", route.defaultFilters());
        Map<String, Object> timeouts = timeouts(route.timeouts());
        if (!timeouts.isEmpty()) {
            out.put("timeouts", timeouts);
        }
        if (route.retry() != null) {
            out.put("retry", retry(route.retry()));
        }
        if (route.hedging() != null) {
            out.put("hedge-delay", ConfigValues.duration(route.hedging().delay()));
        }
        if (route.circuitBreaker() != null) {
            out.put("circuit-breaker", circuitBreaker(route.circuitBreaker()));
        }
        if (route.fallback() != null) {
            out.put("fallback", fallback(route.fallback()));
        }
        if (!route.metadata().isEmpty()) {
            out.put("metadata", new TreeMap<>(route.metadata())); // the engine keeps no order; sorted is stable
        }
        return out;
    }

    private static Map<String, Object> match(RouteMatch match) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (match.path() != null) {
            out.put("path", match.path().source());
        }
        if (match.pathRegex() != null) {
            out.put("path-regex", match.pathRegex().pattern());
        }
        putList(out, "hosts", match.hosts().stream().map(HostPattern::source).toList());
        putList(out, "methods", match.methods().stream().sorted().toList()); // a set in the engine: sorted is stable
        putList(out, "headers", conditions(match.headers()));
        putList(out, "query-params", conditions(match.queryParams()));
        putList(out, "cookies", conditions(match.cookies()));
        // a CidrRange's text is the range as written (e.g. 10.0.0.0/8), which is its configuration form
        putList(out, "remote-addresses", match.remoteAddresses().stream().map(String::valueOf).toList());
        return out;
    }

    private static List<Map<String, Object>> conditions(List<ValueCondition> conditions) {
        List<Map<String, Object>> out = new ArrayList<>(conditions.size());
        for (ValueCondition condition : conditions) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", condition.name());
            switch (condition.kind()) {
                case EXACT -> c.put("value", condition.value());
                case REGEX -> c.put("regex", condition.value());
                case PRESENT -> c.put("present", true); // YAML says this by giving the name alone
            }
            out.add(c);
        }
        return out;
    }

    private static Map<String, Object> split(TrafficSplit split) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targets", split.targets().stream().map(t -> {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("upstream", t.upstream());
            target.put("weight", t.weight());
            return target;
        }).toList());
        putList(out, "force", split.force().stream().map(rule -> {
            Map<String, Object> force = new LinkedHashMap<>();
            force.put(rule.cookie() ? "cookie" : "header", rule.name());
            force.put("value", rule.value());
            force.put("upstream", rule.upstream());
            return force;
        }).toList());
        if (split.sticky() != null) {
            out.put("sticky", split.sticky().toString()); // documented as the configuration form, header:X-User
        }
        TrafficSplit.Rollback rollback = split.rollback();
        if (rollback != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("enabled", true);
            r.put("error-rate", rollback.errorRatePercent());
            r.put("min-requests", rollback.minRequests());
            r.put("window", ConfigValues.duration(rollback.window()));
            out.put("rollback", r);
        }
        return out;
    }

    private Map<String, Object> filter(GatewayFilter filter) {
        Map<String, Object> out = new LinkedHashMap<>();
        FilterDescription description = this.filters.apply(filter);
        if (description != null) {
            out.put("name", description.name());
            out.put("args", description.args());
        }
        else {
            out.put("name", javaName(filter.getClass()));
            out.put("class", filter.getClass().getName());
        }
        return out;
    }

    /**
     * The class name without its package: {@code AuditFilter}, {@code Routes$1}. A lambda is named after the class
     * that wrote it, {@code Routes$$Lambda}, without the JVM's per-run counter and address.
     */
    private static String javaName(Class<?> type) {
        String name = type.getName();
        int lambda = name.indexOf("$$Lambda");
        name = lambda < 0 ? name : name.substring(0, lambda + "$$Lambda".length());
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static Map<String, Object> timeouts(Timeouts timeouts) {
        Map<String, Object> out = new LinkedHashMap<>();
        putDuration(out, "connect", timeouts.connect());
        putDuration(out, "response", timeouts.response());
        putDuration(out, "overall", timeouts.overall());
        return out;
    }

    private static Map<String, Object> retry(RetryPolicy retry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attempts", retry.attempts());
        out.put("statuses", retry.statuses().stream().sorted().toList());
        out.put("on-timeout", retry.onTimeout());
        out.put("on-reset", retry.onReset());
        out.put("on-connect-failure", retry.onConnectFailure());
        out.put("non-idempotent", retry.nonIdempotent());
        out.put("backoff", ConfigValues.duration(retry.backoff()));
        out.put("max-backoff", ConfigValues.duration(retry.maxBackoff()));
        out.put("max-retry-after", ConfigValues.duration(retry.maxRetryAfter()));
        out.put("max-replay-size", ConfigValues.dataSize(retry.maxReplayBytes()));
        out.put("budget-percent", retry.budgetPercent());
        out.put("min-retry-concurrency", retry.minRetryConcurrency());
        return out;
    }

    /** By name: its settings live in the Resilience4j registry ({@code resilience4j.circuitbreaker.instances}). */
    private static Map<String, Object> circuitBreaker(CircuitBreaker breaker) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", true);
        out.put("name", breaker.getName());
        return out;
    }

    private static Map<String, Object> fallback(Fallback fallback) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (fallback.upstream() != null) {
            out.put("upstream", fallback.upstream());
        }
        else {
            out.put("status", fallback.status());
            out.put("content-type", fallback.contentType());
            out.put("body", fallback.body());
        }
        return out;
    }

    private static void putList(Map<String, Object> out, String key, List<?> values) {
        if (!values.isEmpty()) {
            out.put(key, values);
        }
    }

    private static void putDuration(Map<String, Object> out, String key, @Nullable Duration value) {
        if (value != null) {
            out.put(key, ConfigValues.duration(value));
        }
    }
}
