package dev.portico.gateway.upstream;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How an upstream balances its requests, as configured: a policy, the key for consistent hashing, and the slow-start
 * window. Validated when built, so a bad combination fails at startup naming the setting; {@code LoadBalancers.create} then
 * makes the balancer (one per upstream: a round-robin picker's position is its own).
 *
 * <pre>{@code
 * LoadBalancerSpec.DEFAULT                                          // round-robin, no slow start
 * LoadBalancerSpec.of(Policy.LEAST_REQUEST).withSlowStart(Duration.ofSeconds(30))
 * LoadBalancerSpec.consistentHash(HashKey.header("X-User-Id"))
 * LoadBalancerSpec.parse("consistent-hash", "cookie:session", null)  // from properties
 * }</pre>
 *
 * @param policy the algorithm
 * @param hashKey what consistent hashing keys on; required for {@link Policy#CONSISTENT_HASH}, absent otherwise
 * @param slowStart how long an endpoint returning to the pool ramps from 10 % to 100 % of its weight;
 *        {@link Duration#ZERO} for none; not supported by consistent hashing
 */
public record LoadBalancerSpec(Policy policy, @Nullable HashKey hashKey, Duration slowStart) {

    /** Round-robin by weight, no slow start. */
    public static final LoadBalancerSpec DEFAULT = new LoadBalancerSpec(Policy.ROUND_ROBIN, null, Duration.ZERO);

    private static final String HASH_KEY_FORMS = "expected header:<name>, cookie:<name>, client-ip, path or consumer";

    /** The balancing algorithms. */
    public enum Policy {
        /** Smooth weighted round-robin: RoundRobinBalancer. The default. */
        ROUND_ROBIN,
        /** Power of two choices on requests in flight per weight: {@link LeastRequestBalancer}. */
        LEAST_REQUEST,
        /** Power of two choices on latency × load per weight: {@link EwmaBalancer}. */
        EWMA,
        /** Maglev consistent hashing on a {@link HashKey}: ConsistentHashBalancer. */
        CONSISTENT_HASH;

        /** The configuration name: {@code round-robin}, {@code least-request}, {@code ewma}, {@code consistent-hash}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * Parses a configuration name ({@code round-robin}, also {@code ROUND_ROBIN}, case-insensitive).
         * @throws IllegalArgumentException naming the text and the accepted names
         */
        public static Policy parse(String text) {
            Objects.requireNonNull(text, "text");
            String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Policy policy : values()) {
                if (policy.name().equals(normalized)) {
                    return policy;
                }
            }
            throw InvalidSpecException.withMessage("load-balancer: '" + text
                    + "' (expected round-robin, least-request, ewma or consistent-hash)", "policy", "'" + text + "'",
                    "expected round-robin, least-request, ewma or consistent-hash");
        }
    }

    public LoadBalancerSpec {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(slowStart, "slowStart");
        if (slowStart.isNegative()) {
            throw InvalidSpecException.of("", "slow-start", slowStart, "expected: >= 0, 0 = none");
        }
        if (policy == Policy.CONSISTENT_HASH) {
            if (hashKey == null) {
                throw InvalidSpecException.of("", "hash-key", "required for consistent-hash", HASH_KEY_FORMS);
            }
            if (!slowStart.isZero()) {
                throw InvalidSpecException.of("", "slow-start", slowStart + " is not supported by consistent-hash",
                        "expected 0: ramping weights would move keys at every step");
            }
        }
        else if (hashKey != null) {
            throw InvalidSpecException.of("", "hash-key", "'" + hashKey + "' only applies to consistent-hash",
                    "policy is " + policy.configName());
        }
    }

    /** {@code policy} without slow start; for {@link Policy#CONSISTENT_HASH} use {@link #consistentHash}. */
    public static LoadBalancerSpec of(Policy policy) {
        return new LoadBalancerSpec(policy, null, Duration.ZERO);
    }

    /** Consistent hashing on {@code key}. */
    public static LoadBalancerSpec consistentHash(HashKey key) {
        return new LoadBalancerSpec(Policy.CONSISTENT_HASH, Objects.requireNonNull(key, "key"), Duration.ZERO);
    }

    /**
     * From configured values; each absent one takes {@link #DEFAULT}'s (round-robin, no hash key, no slow start).
     */
    public static LoadBalancerSpec of(@Nullable Policy policy, @Nullable HashKey hashKey, @Nullable Duration slowStart) {
        return new LoadBalancerSpec(policy != null ? policy : DEFAULT.policy, hashKey != null ? hashKey : DEFAULT.hashKey,
                slowStart != null ? slowStart : DEFAULT.slowStart);
    }

    /**
     * From configuration text; absent values take their defaults.
     * @param policy e.g. {@code least-request}; null for round-robin
     * @param hashKey e.g. {@code header:X-User-Id} (see {@link HashKey#parse}); null when not consistent hashing
     * @param slowStart null for none
     */
    public static LoadBalancerSpec parse(@Nullable String policy, @Nullable String hashKey,
            @Nullable Duration slowStart) {
        return of(policy == null ? null : Policy.parse(policy), hashKey == null ? null : HashKey.parse(hashKey), slowStart);
    }

    /** This spec with another slow-start window. */
    public LoadBalancerSpec withSlowStart(Duration slowStart) {
        return new LoadBalancerSpec(this.policy, this.hashKey, slowStart);
    }
}
