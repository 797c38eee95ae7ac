package dev.portico.gateway.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.upstream.HealthCheckSpec;
import dev.portico.gateway.upstream.Hedging;
import dev.portico.gateway.upstream.LoadBalancerSpec;
import dev.portico.gateway.upstream.OutlierDetectionSpec;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.UpstreamProtocol;
import dev.portico.gateway.upstream.UpstreamTls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Turns the upstream policy properties (balancing, health, retries, hedging, circuit breaker, pool, TLS, protocol)
 * into the engine's validated types; every error names its full property path.
 */
final class UpstreamPolicyMapper {

    private final CircuitBreakerRegistry breakers;

    UpstreamPolicyMapper(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    LoadBalancerSpec loadBalancer(LoadBalancerProperties spec, String property) {
        return valid(property, "expected policy round-robin, least-request, ewma or consistent-hash",
                () -> LoadBalancerSpec.parse(spec.getPolicy(), spec.getHashKey(), spec.getSlowStart()));
    }

    @Nullable HealthCheckSpec healthCheck(HealthCheckProperties spec, String property) {
        if (!spec.isEnabled()) {
            return null;
        }
        return valid(property, "see docs/upstreams.md#active-health-checks", () -> HealthCheckSpec.builder()
                .path(spec.getPath())
                .interval(spec.getInterval())
                .timeout(spec.getTimeout())
                .expectedStatuses(spec.getExpectedStatuses())
                .healthyThreshold(spec.getHealthyThreshold())
                .unhealthyThreshold(spec.getUnhealthyThreshold())
                .host(spec.getHost())
                .build());
    }

    @Nullable OutlierDetectionSpec outlierDetection(OutlierDetectionProperties spec, String property) {
        if (!spec.isEnabled()) {
            return null;
        }
        return valid(property, "see docs/upstreams.md#passive-health-checks", () -> OutlierDetectionSpec.builder()
                .consecutiveFailures(spec.getConsecutiveFailures())
                .baseEjectionTime(spec.getBaseEjectionTime())
                .maxEjectionTime(spec.getMaxEjectionTime())
                .maxEjectionPercent(spec.getMaxEjectionPercent())
                .slowStart(spec.getSlowStart())
                .build());
    }

    /** The retry policy, or {@code null} when attempts is unset (a route then inherits the upstream's). */
    @Nullable RetryPolicy retry(RetryProperties spec, String property) {
        if (spec.getAttempts() == null) {
            return null;
        }
        return valid(property, "see docs/resilience.md#retries", () -> RetryPolicy.builder()
                .attempts(spec.getAttempts())
                .statuses(new LinkedHashSet<>(spec.getStatuses()))
                .onTimeout(spec.isOnTimeout())
                .onReset(spec.isOnReset())
                .onConnectFailure(spec.isOnConnectFailure())
                .nonIdempotent(spec.isNonIdempotent())
                .backoff(spec.getBackoff(), spec.getMaxBackoff())
                .maxRetryAfter(spec.getMaxRetryAfter())
                .maxReplayBytes(spec.getMaxReplaySize().toBytes())
                .budget(spec.getBudgetPercent(), spec.getMinRetryConcurrency())
                .build());
    }

    @Nullable Hedging hedging(@Nullable Duration delay, String property) {
        return delay == null ? null : valid(property, "use a positive duration such as 50ms", () -> new Hedging(delay));
    }

    /**
     * The breaker from the registry: its resilience4j instance configuration, with any setting given here on top.
     */
    @Nullable CircuitBreaker circuitBreaker(CircuitBreakerProperties spec, String defaultName, String property) {
        if (!spec.isEnabled()) {
            return null;
        }
        String name = spec.getName() != null ? spec.getName() : defaultName;
        if (!spec.hasInlineSettings()) {
            return this.breakers.circuitBreaker(name);
        }
        CircuitBreakerConfig base = this.breakers.getConfiguration(name).orElse(this.breakers.getDefaultConfig());
        CircuitBreakerConfig config = valid(property, "see docs/resilience.md#circuit-breakers", () -> {
            CircuitBreakerConfig.Builder b = CircuitBreakerConfig.from(base);
            if (spec.getFailureRateThreshold() != null) {
                b.failureRateThreshold(spec.getFailureRateThreshold());
            }
            if (spec.getSlowCallRateThreshold() != null) {
                b.slowCallRateThreshold(spec.getSlowCallRateThreshold());
            }
            if (spec.getSlowCallDurationThreshold() != null) {
                b.slowCallDurationThreshold(spec.getSlowCallDurationThreshold());
            }
            if (spec.getSlidingWindowType() != null) {
                b.slidingWindowType(CircuitBreakerConfig.SlidingWindowType
                        .valueOf(spec.getSlidingWindowType().trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            }
            if (spec.getSlidingWindowSize() != null) {
                b.slidingWindowSize(spec.getSlidingWindowSize());
            }
            if (spec.getMinimumNumberOfCalls() != null) {
                b.minimumNumberOfCalls(spec.getMinimumNumberOfCalls());
            }
            if (spec.getWaitDurationInOpenState() != null) {
                b.waitDurationInOpenState(spec.getWaitDurationInOpenState());
            }
            if (spec.getPermittedNumberOfCallsInHalfOpenState() != null) {
                b.permittedNumberOfCallsInHalfOpenState(spec.getPermittedNumberOfCallsInHalfOpenState());
            }
            return b.build();
        });
        return this.breakers.circuitBreaker(name, config);
    }

    @Nullable PoolSettings pool(PorticoProperties.PoolOverride spec, PorticoProperties.Pool defaults, String property) {
        if (!spec.isSet()) {
            return null;
        }
        return valid(property, "use positive values", () -> new PoolSettings(
                spec.getMaxConnections() != null ? spec.getMaxConnections() : defaults.getMaxConnections(),
                spec.getPendingAcquireTimeout() != null ? spec.getPendingAcquireTimeout() : defaults.getPendingAcquireTimeout(),
                spec.getMaxIdleTime() != null ? spec.getMaxIdleTime() : defaults.getMaxIdleTime(),
                spec.getMaxLifeTime() != null ? spec.getMaxLifeTime() : defaults.getMaxLifeTime()));
    }

    UpstreamProtocol protocol(String value, String property) {
        return valid(property, "use http1.1, h2 (HTTP/2 over TLS) or h2c (HTTP/2 over cleartext)",
                () -> UpstreamProtocol.parse(value));
    }

    /** TLS settings, each file read and checked now; {@code null} when none is set. */
    @Nullable UpstreamTls tls(UpstreamTlsProperties spec, String property) {
        if (!spec.isSet()) {
            return null;
        }
        String files = "give the path of a readable PEM file; see docs/upstream-tls.md";
        UpstreamTls.Builder tls = UpstreamTls.builder();
        List<String> trusted = spec.getTrustedCertificates();
        for (int i = 0; i < trusted.size(); i++) {
            String file = trusted.get(i);
            valid(property + ".trusted-certificates[" + i + "]", files, () -> tls.trustedCertificate(path(file)));
        }
        String certificate = spec.getClientCertificate();
        if (certificate != null) {
            valid(property + ".client-certificate", files, () -> tls.clientCertificate(path(certificate)));
        }
        String key = spec.getClientKey();
        if (key != null) {
            valid(property + ".client-key", files, () -> tls.clientKey(path(key)));
        }
        if (spec.getServerName() != null) {
            valid(property + ".server-name", "use a DNS name the nodes' certificates carry",
                    () -> tls.serverName(spec.getServerName()));
        }
        String pair = certificate == null ? ".client-certificate" : ".client-key";
        return valid(property + pair, "set client-certificate and client-key together, a certificate and its own key",
                tls::build);
    }

    /** A file path, optionally prefixed {@code file:}; classpath resources are not files and are refused. */
    private static Path path(String file) {
        String trimmed = file.trim();
        if (trimmed.startsWith("classpath:")) {
            throw new IllegalArgumentException("'" + file + "' is a classpath resource (expected a file path)");
        }
        return Path.of(trimmed.startsWith("file:") ? trimmed.substring("file:".length()) : trimmed);
    }

    private static <T> T valid(String property, String fix, Supplier<T> step) {
        try {
            return step.get();
        }
        catch (IllegalArgumentException ex) {
            throw new RouteDefinitionException(null, property, ex.getMessage(), fix, ex);
        }
    }
}
