package dev.portico.gateway.balancer;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

import dev.portico.gateway.endpoint.Endpoint;

/** What the pickers of this package share: the picker over nothing, exclusion checks, slow-start validation. */
final class Pickers {

    /** The picker over no endpoints: the contract's only case for {@code null}. */
    static final LoadBalancer.Picker EMPTY = (exchange, exclude) -> null;

    private Pickers() {
    }

    /** Whether {@code endpoint} may be picked: not in {@code exclude} (identity, as endpoints don't override equals). */
    static boolean allowed(Endpoint endpoint, Collection<Endpoint> exclude) {
        return exclude.isEmpty() || !exclude.contains(endpoint);
    }

    /**
     * Whether every one of {@code endpoints} (distinct) was already tried: then a picker returns its preferred choice
     * anyway. A shorter {@code exclude} cannot cover them all, which settles the usual case without a scan.
     */
    static boolean allExcluded(Endpoint[] endpoints, Collection<Endpoint> exclude) {
        if (exclude.size() < endpoints.length) {
            return false;
        }
        for (Endpoint endpoint : endpoints) {
            if (!exclude.contains(endpoint)) {
                return false;
            }
        }
        return true;
    }

    /** Validates a slow-start window and converts it to nanoseconds (0 = none). */
    static long rampNanos(Duration slowStart) {
        Objects.requireNonNull(slowStart, "slowStart");
        if (slowStart.isNegative()) {
            throw new IllegalArgumentException("slow-start: " + slowStart + " (expected: >= 0, 0 = none)");
        }
        return slowStart.toNanos();
    }
}
