package dev.portico.gateway.autoconfigure;

import java.time.Duration;

import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.upstream.HashKey;
import dev.portico.gateway.upstream.LoadBalancerSpec;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Upstream;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** portico.upstreams.* policies and route overrides, bound into the engine's upstream model. */
class UpstreamPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class));

    private static Upstream upstream(Gateway gateway, String name) {
        return gateway.upstream(name).upstream();
    }

    @Test
    void bindsBalancingHealthRetriesHedgingPoolAndPanic() {
        this.runner.withPropertyValues(
                "portico.upstreams.users.nodes[0].uri=http://127.0.0.1:9001",
                "portico.upstreams.users.nodes[1].uri=http://127.0.0.1:9002",
                "portico.upstreams.users.nodes[1].zone=eu-west-1b",
                "portico.upstreams.users.nodes[1].metadata.version=2.4",
                "portico.upstreams.users.load-balancer.policy=consistent-hash",
                "portico.upstreams.users.load-balancer.hash-key=header:X-User",
                "portico.upstreams.users.health-check.enabled=true",
                "portico.upstreams.users.health-check.path=/ready",
                "portico.upstreams.users.health-check.interval=2s",
                "portico.upstreams.users.outlier-detection.enabled=true",
                "portico.upstreams.users.outlier-detection.consecutive-failures=3",
                "portico.upstreams.users.retry.attempts=3",
                "portico.upstreams.users.retry.statuses=503",
                "portico.upstreams.users.retry.max-replay-size=16KB",
                "portico.upstreams.users.hedge-delay=40ms",
                "portico.upstreams.users.timeouts.overall=3s",
                "portico.upstreams.users.pool.max-connections=32",
                "portico.upstreams.users.panic=true",
                "portico.routes[0].id=users", "portico.routes[0].match.path=/**",
                "portico.routes[0].upstream=users")
                .run(context -> {
                    Upstream users = upstream(context.getBean(Gateway.class), "users");
                    assertThat(users.nodes().get(1).zone()).isEqualTo("eu-west-1b");
                    assertThat(users.nodes().get(1).metadata()).containsEntry("version", "2.4");
                    assertThat(users.loadBalancer()).isEqualTo(LoadBalancerSpec.consistentHash(HashKey.header("X-User")));
                    assertThat(users.healthCheck().path()).isEqualTo("/ready");
                    assertThat(users.healthCheck().interval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(users.outlierDetection().consecutiveFailures()).isEqualTo(3);
                    RetryPolicy retry = users.retry();
                    assertThat(retry.attempts()).isEqualTo(3);
                    assertThat(retry.statuses()).containsExactly(503);
                    assertThat(retry.maxReplayBytes()).isEqualTo(16 * 1024);
                    assertThat(users.hedging().delay()).isEqualTo(Duration.ofMillis(40));
                    assertThat(users.timeouts().overall()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(users.pool()).isEqualTo(new PoolSettings(32, Duration.ofSeconds(10), Duration.ofSeconds(30), null));
                    assertThat(users.panic()).isTrue();
                    assertThat(users.circuitBreaker()).isNull();
                });
    }

    @Test
    void routeOverridesRetriesAndHasItsOwnBreaker() {
        this.runner.withPropertyValues(
                "portico.upstreams.users.nodes[0].uri=http://127.0.0.1:9001",
                "portico.upstreams.users.retry.attempts=2",
                "portico.routes[0].id=users", "portico.routes[0].match.path=/**",
                "portico.routes[0].upstream=users",
                "portico.routes[0].retry.attempts=4",
                "portico.routes[0].retry.non-idempotent=true",
                "portico.routes[0].circuit-breaker.enabled=true",
                "portico.routes[0].circuit-breaker.failure-rate-threshold=20",
                "portico.routes[1].id=inherits", "portico.routes[1].match.path=/**",
                "portico.routes[1].upstream=users")
                .run(context -> {
                    Gateway gateway = context.getBean(Gateway.class);
                    Route users = gateway.routeTable().entries().get(0).route();
                    assertThat(users.retry().attempts()).isEqualTo(4);
                    assertThat(users.retry().nonIdempotent()).isTrue();
                    assertThat(users.circuitBreaker().getName()).isEqualTo("route-users");
                    assertThat(users.circuitBreaker().getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(20);
                    assertThat(gateway.routeTable().entries().get(1).route().retry()).isNull();
                    assertThat(gateway.routeTable().entries().get(1).value().proxy().retry().attempts()).isEqualTo(2);
                });
    }

    @Test
    void breakerIsConfiguredTheStandardResilience4jWay() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, PorticoAutoConfiguration.class))
                .withPropertyValues(
                        "resilience4j.circuitbreaker.instances.users.failure-rate-threshold=25",
                        "resilience4j.circuitbreaker.instances.users.wait-duration-in-open-state=7s",
                        "portico.upstreams.users.nodes[0].uri=http://127.0.0.1:9001",
                        "portico.upstreams.users.circuit-breaker.enabled=true",
                        "portico.routes[0].id=users", "portico.routes[0].match.path=/**",
                        "portico.routes[0].upstream=users")
                .run(context -> {
                    assertThat(context).hasSingleBean(CircuitBreakerRegistry.class);
                    CircuitBreaker breaker = upstream(context.getBean(Gateway.class), "users").circuitBreaker();
                    assertThat(breaker).isSameAs(context.getBean(CircuitBreakerRegistry.class).circuitBreaker("users"));
                    assertThat(breaker.getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(25);
                    assertThat(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
                            .isEqualTo(7000);
                });
    }

    @Test
    void invalidPoliciesNameTheirProperty() {
        // the engine names the property at fault within the policy; the mapper only prefixes the policy's path
        assertFailure("portico.upstreams.users.load-balancer.hash-key", "load-balancer.policy=consistent-hash");
        assertFailure("portico.upstreams.users.load-balancer.policy", "load-balancer.policy=random-ish");
        assertFailure("portico.upstreams.users.health-check.timeout", "health-check.enabled=true",
                "health-check.timeout=10s");
        assertFailure("portico.upstreams.users.retry.attempts", "retry.attempts=0");
        assertFailure("portico.upstreams.users.outlier-detection.max-ejection-percent", "outlier-detection.enabled=true",
                "outlier-detection.max-ejection-percent=120");
    }

    private void assertFailure(String property, String... upstreamProperties) {
        String[] all = new String[upstreamProperties.length + 1];
        all[0] = "portico.upstreams.users.nodes[0].uri=http://127.0.0.1:9001";
        for (int i = 0; i < upstreamProperties.length; i++) {
            all[i + 1] = "portico.upstreams.users." + upstreamProperties[i];
        }
        this.runner.withPropertyValues(all).run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof RouteDefinitionException)) {
                t = t.getCause();
            }
            assertThat(t).isInstanceOf(RouteDefinitionException.class);
            assertThat(((RouteDefinitionException) t).property()).isEqualTo(property);
        });
    }
}
