package dev.portico.gateway.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portico.gateway.autoconfigure.properties.EnumValues;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.upstream.HealthCheckSpec;
import dev.portico.gateway.upstream.LoadBalancerSpec;
import dev.portico.gateway.upstream.OutlierDetectionSpec;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Timeouts;
import dev.portico.gateway.upstream.TrafficPolicy;
import dev.portico.gateway.upstream.Upstream;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine owns every default. Properties left unset map to exactly the engine's default objects, and each default
 * written for users, in the properties' Javadoc (which becomes the schema's and the IDE's description) and in
 * docs/configuration.md, is the engine's constant. Changing a default in the engine fails here until the docs follow.
 */
class EngineDefaultsTests {

    /** A documented default: its docs/configuration.md row, its properties field, and the engine's value. */
    private record Documented(String docsRow, String definition, String field, Object engine) {
    }

    private static final RetryPolicy RETRY = RetryPolicy.none();

    private static final HealthCheckSpec HEALTH = HealthCheckSpec.defaults();

    private static final OutlierDetectionSpec OUTLIER = OutlierDetectionSpec.defaults();

    private static final String UPSTREAM = "portico.upstreams.<name>.";

    private static final List<Documented> DEFAULTS = List.of(
            new Documented(UPSTREAM + "timeouts.connect", "TimeoutProperties", "connect", Timeouts.DEFAULT_CONNECT),
            new Documented(UPSTREAM + "timeouts.response", "TimeoutProperties", "response", Timeouts.DEFAULT_RESPONSE),
            new Documented(UPSTREAM + "protocol", "UpstreamProperties", "protocol", bareUpstream().protocol()),
            new Documented(UPSTREAM + "load-balancer.policy", "LoadBalancerProperties", "policy",
                    LoadBalancerSpec.DEFAULT.policy()),
            new Documented("retry.statuses", "RetryProperties", "statuses", RETRY.statuses()),
            new Documented("retry.on-timeout", "RetryProperties", "on-timeout", RETRY.onTimeout()),
            new Documented("retry.on-reset", "RetryProperties", "on-reset", RETRY.onReset()),
            new Documented("retry.on-connect-failure", "RetryProperties", "on-connect-failure", RETRY.onConnectFailure()),
            new Documented("retry.non-idempotent", "RetryProperties", "non-idempotent", RETRY.nonIdempotent()),
            new Documented("retry.backoff", "RetryProperties", "backoff", RETRY.backoff()),
            new Documented("retry.max-backoff", "RetryProperties", "max-backoff", RETRY.maxBackoff()),
            new Documented("retry.max-retry-after", "RetryProperties", "max-retry-after", RETRY.maxRetryAfter()),
            new Documented("retry.max-replay-size", "RetryProperties", "max-replay-size",
                    DataSize.ofBytes(RETRY.maxReplayBytes())),
            new Documented("retry.budget-percent", "RetryProperties", "budget-percent", RETRY.budgetPercent()),
            new Documented("retry.min-retry-concurrency", "RetryProperties", "min-retry-concurrency",
                    RETRY.minRetryConcurrency()),
            new Documented(UPSTREAM + "health-check.path", "HealthCheckProperties", "path", HEALTH.path()),
            new Documented(UPSTREAM + "health-check.interval", "HealthCheckProperties", "interval", HEALTH.interval()),
            new Documented(UPSTREAM + "health-check.timeout", "HealthCheckProperties", "timeout", HEALTH.timeout()),
            new Documented(UPSTREAM + "health-check.expected-statuses", "HealthCheckProperties", "expected-statuses",
                    HEALTH.expectedStatuses()),
            new Documented(UPSTREAM + "health-check.healthy-threshold", "HealthCheckProperties", "healthy-threshold",
                    HEALTH.healthyThreshold()),
            new Documented(UPSTREAM + "health-check.unhealthy-threshold", "HealthCheckProperties",
                    "unhealthy-threshold", HEALTH.unhealthyThreshold()),
            new Documented(UPSTREAM + "outlier-detection.consecutive-failures", "OutlierDetectionProperties",
                    "consecutive-failures", OUTLIER.consecutiveFailures()),
            new Documented(UPSTREAM + "outlier-detection.base-ejection-time", "OutlierDetectionProperties",
                    "base-ejection-time", OUTLIER.baseEjectionTime()),
            new Documented(UPSTREAM + "outlier-detection.max-ejection-time", "OutlierDetectionProperties",
                    "max-ejection-time", OUTLIER.maxEjectionTime()),
            new Documented(UPSTREAM + "outlier-detection.max-ejection-percent", "OutlierDetectionProperties",
                    "max-ejection-percent", OUTLIER.maxEjectionPercent()),
            new Documented(UPSTREAM + "outlier-detection.slow-start", "OutlierDetectionProperties", "slow-start",
                    OUTLIER.slowStart()),
            new Documented("portico.pool.max-connections", "PoolProperties", "max-connections",
                    PoolSettings.DEFAULTS.maxConnections()),
            new Documented("portico.pool.pending-acquire-timeout", "PoolProperties", "pending-acquire-timeout",
                    PoolSettings.DEFAULTS.pendingAcquireTimeout()),
            new Documented("portico.pool.max-idle-time", "PoolProperties", "max-idle-time",
                    PoolSettings.DEFAULTS.maxIdleTime()));

    /** {@code Default: 5s.} at the end of a property's Javadoc. */
    private static final Pattern JAVADOC_DEFAULT = Pattern.compile("Default: (.+)\\.$");

    /** A table row: | `property` | type | default | description |. */
    private static final Pattern DOCS_ROW = Pattern.compile("^\\| `([^`]+)` \\|[^|]*\\| ([^|]*) \\|", Pattern.MULTILINE);

    @Test
    void propertiesLeftUnsetMapToTheEngineDefaults() {
        PorticoProperties properties = bind(Map.of(
                "portico.upstreams.users.nodes[0].uri", "http://127.0.0.1:9001",
                "portico.upstreams.users.health-check.enabled", "true",
                "portico.upstreams.users.outlier-detection.enabled", "true",
                "portico.upstreams.retrying.nodes[0].uri", "http://127.0.0.1:9002",
                "portico.upstreams.retrying.retry.attempts", "1",
                "portico.routes[0].id", "users", "portico.routes[0].match.path", "/**",
                "portico.routes[0].upstream", "users"));
        PropertiesRouteMapper mapper = new PropertiesRouteMapper(new FilterFactories(List.of()),
                new TrafficPolicyMapper(CircuitBreakerRegistry.ofDefaults()));
        PoolSettings pool = UpstreamPolicyMapper.pool(properties.getPool(), PoolSettings.DEFAULTS, "portico.pool");

        Map<String, Upstream> upstreams = new HashMap<>();
        mapper.upstreams(properties, pool).forEach(upstream -> upstreams.put(upstream.name(), upstream));
        Upstream users = upstreams.get("users");
        Route route = mapper.routes(properties).get(0);

        assertThat(pool).isEqualTo(PoolSettings.DEFAULTS);
        assertThat(users.policy()).isEqualTo(TrafficPolicy.DEFAULTS);
        assertThat(users.healthCheck()).isEqualTo(HealthCheckSpec.defaults());
        assertThat(users.outlierDetection()).isEqualTo(OutlierDetectionSpec.defaults());
        assertThat(users.loadBalancer()).isEqualTo(LoadBalancerSpec.DEFAULT);
        assertThat(users.protocol()).isEqualTo(bareUpstream().protocol());
        assertThat(users.pool()).as("no pool override").isNull();
        assertThat(upstreams.get("retrying").retry()).isEqualTo(RetryPolicy.none());
        assertThat(route.policy()).isSameAs(TrafficPolicy.UNSET);
    }

    @Test
    void javadocStatesTheEngineDefaults() throws IOException {
        JsonNode definitions = schema().get("definitions");
        for (Documented d : DEFAULTS) {
            String description = definitions.get(d.definition()).get("properties").get(d.field()).get("description")
                    .asString();
            Matcher m = JAVADOC_DEFAULT.matcher(description);
            assertThat(m.find()).as("%s.%s states its default: %s", d.definition(), d.field(), description).isTrue();
            assertThat(sameValue(m.group(1), d.engine())).as("%s.%s default '%s' is the engine's %s", d.definition(),
                    d.field(), m.group(1), d.engine()).isTrue();
        }
    }

    @Test
    void configurationReferenceStatesTheEngineDefaults() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8);
        Map<String, String> rows = new HashMap<>();
        Matcher m = DOCS_ROW.matcher(docs);
        while (m.find()) {
            rows.putIfAbsent(m.group(1), m.group(2).trim().replace("`", ""));
        }
        for (Documented d : DEFAULTS) {
            assertThat(rows).as("docs/configuration.md has a row for %s", d.docsRow()).containsKey(d.docsRow());
            String documented = rows.get(d.docsRow());
            assertThat(sameValue(documented, d.engine())).as("docs/configuration.md: %s default '%s' is the engine's %s",
                    d.docsRow(), documented, d.engine()).isTrue();
        }
    }

    /** Whether a documented value is the engine's, read the way Boot's binder reads it. */
    private static boolean sameValue(String text, Object engine) {
        if (engine instanceof Collection<?> values) {
            return new TreeSet<>(List.of(text.split("\\s*,\\s*")))
                    .equals(new TreeSet<>(values.stream().map(String::valueOf).toList()));
        }
        if (engine instanceof Enum<?> constant) {
            return EnumValues.form(constant).equals(text);
        }
        if (engine instanceof Duration duration) {
            return DurationStyle.detectAndParse(text).equals(duration);
        }
        if (engine instanceof DataSize size) {
            return DataSize.parse(text).equals(size);
        }
        return engine.equals(ApplicationConversionService.getSharedInstance().convert(text, engine.getClass()));
    }

    private static Upstream bareUpstream() {
        return Upstream.builder("bare").node("http://127.0.0.1:9").build();
    }

    private static PorticoProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bind("portico", Bindable.of(PorticoProperties.class)).orElseGet(PorticoProperties::new);
    }

    private static JsonNode schema() throws IOException {
        try (InputStream in = EngineDefaultsTests.class.getResourceAsStream("/META-INF/portico/portico.schema.json")) {
            return JsonMapper.builder().build().readTree(in);
        }
    }
}
