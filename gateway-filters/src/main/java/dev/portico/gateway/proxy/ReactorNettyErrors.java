package dev.portico.gateway.proxy;

import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

/**
 * The one place that knows Reactor Netty's internal (shaded) types. Reactor Netty reports an exhausted connection
 * pool with exceptions from its shaded copy of reactor-pool, which is not API and may move in any release: when it
 * does, this class fails to compile (or {@code ReactorNettyErrorsTest} fails), and nothing else changes.
 */
final class ReactorNettyErrors {

    private ReactorNettyErrors() {
    }

    /**
     * Whether the gateway's own connection pool to an upstream ran out (no connection became free in time, or too
     * many requests were waiting for one). Such an error says nothing about the node.
     */
    static boolean poolExhausted(Throwable error) {
        return error instanceof PoolAcquireTimeoutException || error instanceof PoolAcquirePendingLimitException;
    }
}
