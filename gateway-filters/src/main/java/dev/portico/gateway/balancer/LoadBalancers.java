package dev.portico.gateway.balancer;

import java.util.Objects;

import dev.portico.gateway.upstream.LoadBalancerSpec;

/** Creates the balancer a {@link LoadBalancerSpec} describes: the spec is a definition, the balancer runtime state. */
public final class LoadBalancers {

    private LoadBalancers() {
    }

    /** A new balancer as described. */
    public static LoadBalancer create(LoadBalancerSpec spec) {
        return switch (spec.policy()) {
            case ROUND_ROBIN -> RoundRobinBalancer.withSlowStart(spec.slowStart());
            case LEAST_REQUEST -> LeastRequestBalancer.withSlowStart(spec.slowStart());
            case EWMA -> EwmaBalancer.withSlowStart(spec.slowStart());
            case CONSISTENT_HASH -> ConsistentHashBalancer.of(Objects.requireNonNull(spec.hashKey(), "hashKey"));
        };
    }
}
