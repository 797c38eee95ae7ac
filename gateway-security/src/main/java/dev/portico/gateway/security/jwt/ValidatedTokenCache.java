package dev.portico.gateway.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Tokens that passed their issuer's decoder, so that a token seen again costs a map lookup instead of a signature
 * check. Keyed by the token itself, compared in full ({@link String#equals}, a vectorized intrinsic), with a hash of
 * its last characters only: the tail of a JWS is its signature, which no one can choose for a token the issuer did not
 * sign, and only verified tokens enter the cache, so the cheap hash cannot be used to crowd one bucket. (A cryptographic
 * digest of the whole token cost more per request than everything else the filter does; keeping the token itself adds
 * nothing to what the cache held already, since each entry's {@code Jwt} carries its token value.) Bounded by entry
 * count; an entry expires at the token's {@code exp} (never later, clock skew is not added) and after {@code maxTtl}
 * at most. Only successes are cached: a rejected token is decoded again each time.
 */
public final class ValidatedTokenCache {

    private final Cache<Key, VerifiedToken> cache;
    private final long maxTtlNanos;

    private ValidatedTokenCache(long maxEntries, Duration maxTtl, Ticker ticker, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("cache.max-entries: " + maxEntries + " (expected: >= 1)");
        }
        if (maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException("cache.max-ttl: " + maxTtl + " (expected: > 0s)");
        }
        this.maxTtlNanos = maxTtl.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(new UntilExp(this.maxTtlNanos, clock))
                .build();
    }

    /** A cache of at most {@code maxEntries} tokens, each kept until its {@code exp} and {@code maxTtl} at most. */
    public static ValidatedTokenCache of(long maxEntries, Duration maxTtl) {
        return new ValidatedTokenCache(maxEntries, maxTtl, Ticker.systemTicker(), Clock.systemUTC());
    }

    /** For tests: a cache on a fake ticker and a clock that advance together. */
    static ValidatedTokenCache of(long maxEntries, Duration maxTtl, Ticker ticker, Clock clock) {
        return new ValidatedTokenCache(maxEntries, maxTtl, ticker, clock);
    }

    /** The key of a token. */
    static Key key(String token) {
        return new Key(token);
    }

    @Nullable VerifiedToken get(Key key) {
        return this.cache.getIfPresent(key);
    }

    void put(Key key, VerifiedToken token) {
        this.cache.put(key, token);
    }

    /** The number of tokens held (approximate, as Caffeine's). */
    public long size() {
        this.cache.cleanUp();
        return this.cache.estimatedSize();
    }

    public Duration maxTtl() {
        return Duration.ofNanos(this.maxTtlNanos);
    }

    /** A token as a cache key: equal when the whole token is; hashed over its length and last 32 characters. */
    static final class Key {

        private static final int HASHED_TAIL = 32;

        private final String token;
        private final int hash;

        Key(String token) {
            this.token = token;
            int n = token.length();
            int h = n;
            for (int i = Math.max(0, n - HASHED_TAIL); i < n; i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == this.hash && key.token.equals(this.token);
        }

        @Override
        public int hashCode() {
            return this.hash;
        }

        @Override
        public String toString() {
            return "Key[" + this.token.length() + " chars]"; // never the token: keys may reach logs
        }
    }

    /** Expires an entry at the token's {@code exp}, and after the maximum TTL at most. */
    private record UntilExp(long maxTtlNanos, Clock clock) implements Expiry<Key, VerifiedToken> {

        @Override
        public long expireAfterCreate(Key key, VerifiedToken value, long currentTime) {
            Instant exp = value.jwt().getExpiresAt();
            if (exp == null) {
                return this.maxTtlNanos;
            }
            // the ticker is nanoTime-based: convert exp through the wall clock once, at insertion
            long untilExp = Duration.between(this.clock.instant(), exp).toNanos();
            return Math.max(0, Math.min(untilExp, this.maxTtlNanos));
        }

        @Override
        public long expireAfterUpdate(Key key, VerifiedToken value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, VerifiedToken value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
