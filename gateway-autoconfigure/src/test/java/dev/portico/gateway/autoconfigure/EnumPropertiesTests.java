package dev.portico.gateway.autoconfigure;

import java.util.Map;

import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.upstream.LoadBalancerSpec.Policy;
import dev.portico.gateway.upstream.UpstreamProtocol;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enum-typed properties keep every spelling that bound before: Boot compares enum names ignoring case and
 * punctuation, so {@code http1.1} is {@code HTTP1_1}; a value outside the set names the property and the values.
 */
class EnumPropertiesTests {

    @Test
    void protocolBindsItsDocumentedAndLegacySpellings() {
        assertThat(protocol("http1.1")).isEqualTo(UpstreamProtocol.HTTP1_1);
        assertThat(protocol("HTTP/1.1")).isEqualTo(UpstreamProtocol.HTTP1_1);
        assertThat(protocol("http1_1")).isEqualTo(UpstreamProtocol.HTTP1_1);
        assertThat(protocol("h2")).isEqualTo(UpstreamProtocol.H2);
        assertThat(protocol("H2C")).isEqualTo(UpstreamProtocol.H2C);
    }

    @Test
    void policyAndSlidingWindowBindKebabAndConstantNames() {
        UpstreamProperties upstream = bind(Map.of("load-balancer.policy", "least-request",
                "circuit-breaker.sliding-window-type", "time-based"));
        assertThat(upstream.getLoadBalancer().getPolicy()).isEqualTo(Policy.LEAST_REQUEST);
        assertThat(upstream.getCircuitBreaker().getSlidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);

        upstream = bind(Map.of("load-balancer.policy", "CONSISTENT_HASH",
                "circuit-breaker.sliding-window-type", "COUNT_BASED"));
        assertThat(upstream.getLoadBalancer().getPolicy()).isEqualTo(Policy.CONSISTENT_HASH);
        assertThat(upstream.getCircuitBreaker().getSlidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
    }

    @Test
    void valueOutsideTheSetNamesThePropertyAndTheValues() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class))
                .withPropertyValues("portico.upstreams.users.nodes[0].uri=http://127.0.0.1:9001",
                        "portico.upstreams.users.protocol=http2")
                .run(context -> {
                    Throwable t = context.getStartupFailure();
                    while (t != null && !(t instanceof RouteDefinitionException)) {
                        t = t.getCause();
                    }
                    RouteDefinitionException ex = (RouteDefinitionException) t;
                    assertThat(ex).isNotNull();
                    assertThat(ex.property()).isEqualTo("portico.upstreams.users.protocol");
                    assertThat(ex.problem()).isEqualTo("'http2' is not one of its values");
                    assertThat(ex.fix()).isEqualTo("expected http1.1, h2, h2c");
                });
    }

    private static UpstreamProtocol protocol(String value) {
        return bind(Map.of("protocol", value)).getProtocol();
    }

    private static UpstreamProperties bind(Map<String, String> values) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        values.forEach((k, v) -> prefixed.put("u." + k, v));
        return new Binder(new MapConfigurationPropertySource(prefixed)).bind("u", Bindable.of(UpstreamProperties.class))
                .get();
    }
}
