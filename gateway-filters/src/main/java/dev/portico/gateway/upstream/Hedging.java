package dev.portico.gateway.upstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Request hedging for idempotent routes: when the first attempt has not produced response headers within
 * {@code delay}, a second attempt goes to another node; the first response wins and the other attempt is cancelled
 * (its connection closed). Trades a little extra load for a shorter tail.
 */
public record Hedging(Duration delay) {

    public Hedging {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            // the value itself: the owner names it (hedge-delay of an upstream or route)
            throw InvalidSpecException.withMessage("hedge delay: " + delay + " (expected: > 0)", "",
                    String.valueOf(delay), "expected: > 0");
        }
    }
}
