package dev.portico.gateway.balancer;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.portico.gateway.endpoint.Endpoint;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.internal.Hashing;
import dev.portico.gateway.upstream.HashKey;
import org.jspecify.annotations.Nullable;

/**
 * Consistent hashing with Maglev (Eisenbud et al., NSDI 2016): requests with the same {@link HashKey} go to the same
 * endpoint while it stays available, and when one of N endpoints leaves or joins, about 1/N of the keys move.
 *
 * <p>The picker holds a lookup table of prime size M (default {@value #DEFAULT_TABLE_SIZE}), built from the
 * available endpoints. Each endpoint has its own permutation of the table's slots, from two hashes of its URI:
 * <pre>
 *   offset = h1(uri) mod M,   skip = h2(uri) mod (M - 1) + 1,   preference j = (offset + j × skip) mod M
 *
 *   round 1: a takes its first free preference, then b, then c, …
 *   round 2: again, each skipping slots already taken        (until all M slots are taken)
 *
 *   table  [ b | a | c | a | b | c | c | a | … ]     request: table[hash(key) mod M]
 * </pre>
 * Endpoints take turns in a fixed order (sorted by URI, so the list's order doesn't matter), and with weights an
 * endpoint of weight w takes a turn in w of every w<sub>max</sub> rounds, so its share of the table is about
 * w / Σw. Because every endpoint fills slots along its own permutation, removing one frees its slots to the others
 * and barely changes which slots they already held. (Maglev trades exactness for an even spread: a few keys of endpoints
 * that stay may still move, about 0.2 % of them when one of ten leaves.)
 *
 * <p>Weights are the nodes' configured weights, not slow-start weights: a ramp would reshuffle keys at every step.
 *
 * <p>A pick hashes the key (no allocation for IPv4 client addresses and header keys) and reads one slot. With
 * {@code exclude} (a retry), it walks to the next slots until an endpoint not yet tried. A request without its key
 * goes round-robin (by weight) over the available endpoints.
 */
public final class ConsistentHashBalancer implements LoadBalancer {

    /** The table size Google's paper suggests for up to a few hundred backends: prime, about 100 × endpoints. */
    public static final int DEFAULT_TABLE_SIZE = 65_537;

    /** Upper bound of the table size: a table is an array of references, built at every availability change. */
    public static final int MAX_TABLE_SIZE = 16_777_259;

    private static final long OFFSET_SEED = 0x0FF5E7L;
    private static final long SKIP_SEED = 0x5C1BL;

    private final HashKey key;
    private final int tableSize;

    private ConsistentHashBalancer(HashKey key, int tableSize) {
        this.key = Objects.requireNonNull(key, "key");
        if (tableSize < 2 || tableSize > MAX_TABLE_SIZE || !isPrime(tableSize)) {
            throw new IllegalArgumentException("table-size: " + tableSize + " (expected a prime from 2 to "
                    + MAX_TABLE_SIZE + ", e.g. " + DEFAULT_TABLE_SIZE + ")");
        }
        this.tableSize = tableSize;
    }

    /** Maglev with the default table size, {@value #DEFAULT_TABLE_SIZE}. */
    public static ConsistentHashBalancer of(HashKey key) {
        return new ConsistentHashBalancer(key, DEFAULT_TABLE_SIZE);
    }

    /**
     * Maglev with a table of {@code tableSize} slots: a prime, ideally at least 100 × the endpoints so that shares
     * stay within about 1 % of their weight.
     */
    public static ConsistentHashBalancer of(HashKey key, int tableSize) {
        return new ConsistentHashBalancer(key, tableSize);
    }

    public HashKey key() {
        return this.key;
    }

    public int tableSize() {
        return this.tableSize;
    }

    @Override
    public Picker picker(List<Endpoint> endpoints, long nowNanos) {
        if (endpoints.isEmpty()) {
            return Pickers.EMPTY;
        }
        Endpoint[] sorted = endpoints.toArray(new Endpoint[0]);
        Arrays.sort(sorted, Comparator.comparing((Endpoint e) -> e.node().uri().toString())
                .thenComparingInt(Endpoint::index));
        Picker fallback = RoundRobinBalancer.create().picker(endpoints, nowNanos);
        return new MaglevPicker(this.key, sorted, table(sorted, this.tableSize), fallback);
    }

    /** Fills the lookup table; see the class comment. */
    static Endpoint[] table(Endpoint[] endpoints, int size) {
        int n = endpoints.length;
        long[] position = new long[n];
        long[] skip = new long[n];
        int maxWeight = 0;
        for (int i = 0; i < n; i++) {
            String uri = endpoints[i].node().uri().toString();
            position[i] = Long.remainderUnsigned(Hashing.hash(uri, OFFSET_SEED), size);
            skip[i] = Long.remainderUnsigned(Hashing.hash(uri, SKIP_SEED), size - 1) + 1;
            maxWeight = Math.max(maxWeight, endpoints[i].node().weight());
        }
        Endpoint[] table = new Endpoint[size];
        long[] taken = new long[n];
        int filled = 0;
        // the heaviest endpoints take a slot every round, so there are at most `size` rounds
        for (long round = 1; filled < size; round++) {
            for (int i = 0; i < n && filled < size; i++) {
                int weight = endpoints[i].node().weight();
                if (taken[i] * maxWeight > (round - 1) * weight) {
                    continue; // ahead of its weight: rounds 1, 1 + max/w, 1 + 2·max/w, …
                }
                long slot = position[i];
                while (table[(int) slot] != null) {
                    slot += skip[i];
                    if (slot >= size) {
                        slot -= size;
                    }
                }
                table[(int) slot] = endpoints[i];
                position[i] = slot;
                taken[i]++;
                filled++;
            }
        }
        return table;
    }

    private static boolean isPrime(int n) {
        if (n < 4) {
            return n >= 2;
        }
        if (n % 2 == 0) {
            return false;
        }
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ConsistentHashBalancer[key=" + this.key + ", tableSize=" + this.tableSize + "]";
    }

    /** One table lookup per request; see the class comment. */
    private static final class MaglevPicker implements Picker {

        private final HashKey key;
        private final Endpoint[] endpoints;
        private final Endpoint[] table;
        private final Picker fallback;

        MaglevPicker(HashKey key, Endpoint[] endpoints, Endpoint[] table, Picker fallback) {
            this.key = key;
            this.endpoints = endpoints;
            this.table = table;
            this.fallback = fallback;
        }

        @Override
        public @Nullable Endpoint pick(GatewayExchange exchange, Collection<Endpoint> exclude) {
            long hash = this.key.hash(exchange);
            if (hash < 0) {
                return this.fallback.pick(exchange, exclude);
            }
            Endpoint[] table = this.table;
            int slot = (int) (hash % table.length);
            Endpoint owner = table[slot];
            if (Pickers.allowed(owner, exclude) || Pickers.allExcluded(this.endpoints, exclude)) {
                return owner;
            }
            for (int step = 1; step < table.length; step++) {
                Endpoint candidate = table[slot + step < table.length ? slot + step : slot + step - table.length];
                if (!exclude.contains(candidate)) {
                    return candidate;
                }
            }
            return owner;
        }
    }
}
