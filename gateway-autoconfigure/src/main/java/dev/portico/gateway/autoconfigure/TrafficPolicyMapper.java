package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;

import dev.portico.gateway.upstream.Hedging;
import dev.portico.gateway.upstream.RetryPolicy;
import dev.portico.gateway.upstream.Timeouts;
import dev.portico.gateway.upstream.TrafficPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.unit.DataSize;

/**
 * The traffic policy of an upstream or a route (timeouts, retries, hedging, circuit breaker) from its properties.
 * Only values the user set are passed to the engine's builders ({@link PropertyMapper} skips nulls), so every
 * default is the engine's; which level wins is the engine's rule too ({@link TrafficPolicy#over}).
 */
final class TrafficPolicyMapper {

    private static final PropertyMapper MAP = PropertyMapper.get();

    private final CircuitBreakerRegistry breakers;

    TrafficPolicyMapper(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    /**
     * @param breakerName the breaker's registry name unless the properties give one
     * @param property the path of the upstream or route, e.g. {@code portico.routes[3]}
     */
    TrafficPolicy policy(TimeoutProperties timeouts, RetryProperties retry, @Nullable Duration hedgeDelay,
            CircuitBreakerProperties breaker, String breakerName, @Nullable String routeId, String property) {
        TrafficPolicy.Builder policy = TrafficPolicy.builder();
        policy.timeouts(Specs.valid(routeId, property + ".timeouts", "use a positive duration such as 2s",
                () -> Timeouts.of(timeouts.getConnect(), timeouts.getResponse(), timeouts.getOverall())));
        policy.retry(retry(retry, routeId, property + ".retry"));
        if (hedgeDelay != null) {
            policy.hedging(Specs.valid(routeId, property + ".hedge-delay", "use a positive duration such as 50ms",
                    () -> new Hedging(hedgeDelay)));
        }
        policy.circuitBreaker(circuitBreaker(breaker, breakerName, routeId, property + ".circuit-breaker"));
        return policy.build();
    }

    /** The retry policy, or {@code null} when attempts is unset (a route then keeps the upstream's). */
    private static @Nullable RetryPolicy retry(RetryProperties spec, @Nullable String routeId, String property) {
        if (spec.getAttempts() == null) {
            return null;
        }
        return Specs.valid(routeId, property, "see docs/resilience.md#retries", () -> {
            RetryPolicy.Builder b = RetryPolicy.builder();
            MAP.from(spec::getAttempts).to(b::attempts);
            MAP.from(spec::getStatuses).as(LinkedHashSet::new).to(b::statuses);
            MAP.from(spec::getOnTimeout).to(b::onTimeout);
            MAP.from(spec::getOnReset).to(b::onReset);
            MAP.from(spec::getOnConnectFailure).to(b::onConnectFailure);
            MAP.from(spec::getNonIdempotent).to(b::nonIdempotent);
            MAP.from(spec::getBackoff).to(b::backoff);
            MAP.from(spec::getMaxBackoff).to(b::maxBackoff);
            MAP.from(spec::getMaxRetryAfter).to(b::maxRetryAfter);
            MAP.from(spec::getMaxReplaySize).as(DataSize::toBytes).to(b::maxReplayBytes);
            MAP.from(spec::getBudgetPercent).to(b::budgetPercent);
            MAP.from(spec::getMinRetryConcurrency).to(b::minRetryConcurrency);
            return b.build();
        });
    }

    /**
     * The breaker from the registry: its resilience4j instance configuration, with any setting given here on top;
     * {@code null} when not enabled.
     */
    private @Nullable CircuitBreaker circuitBreaker(CircuitBreakerProperties spec, String defaultName,
            @Nullable String routeId, String property) {
        if (!spec.isEnabled()) {
            return null;
        }
        String name = spec.getName() != null ? spec.getName() : defaultName;
        if (!spec.hasInlineSettings()) {
            return this.breakers.circuitBreaker(name);
        }
        CircuitBreakerConfig base = this.breakers.getConfiguration(name).orElse(this.breakers.getDefaultConfig());
        CircuitBreakerConfig config = Specs.valid(routeId, property, "see docs/resilience.md#circuit-breakers", () -> {
            CircuitBreakerConfig.Builder b = CircuitBreakerConfig.from(base);
            MAP.from(spec::getFailureRateThreshold).to(b::failureRateThreshold);
            MAP.from(spec::getSlowCallRateThreshold).to(b::slowCallRateThreshold);
            MAP.from(spec::getSlowCallDurationThreshold).to(b::slowCallDurationThreshold);
            MAP.from(spec::getSlidingWindowType).to(b::slidingWindowType);
            MAP.from(spec::getSlidingWindowSize).to(b::slidingWindowSize);
            MAP.from(spec::getMinimumNumberOfCalls).to(b::minimumNumberOfCalls);
            MAP.from(spec::getWaitDurationInOpenState).to(b::waitDurationInOpenState);
            MAP.from(spec::getPermittedNumberOfCallsInHalfOpenState).to(b::permittedNumberOfCallsInHalfOpenState);
            return b.build();
        });
        return this.breakers.circuitBreaker(name, config);
    }
}
