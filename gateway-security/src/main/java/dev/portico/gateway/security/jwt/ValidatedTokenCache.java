package dev.portico.gateway.security.jwt;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Tokens that passed their issuer's decoder, so that a token seen again costs a SHA-256 and a map lookup instead of
 * a signature check. Keyed by the SHA-256 of the token (the token itself is never held as a key); bounded by entry
 * count; an entry expires at the token's {@code exp} (never later, clock skew is not added) and after
 * {@code maxTtl} at most. Only successes are cached: a rejected token is decoded again each time.
 */
public final class ValidatedTokenCache {

    private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

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

    /** The key of a token: its SHA-256. */
    static Key key(String token) {
        Hasher hasher = HASHER.get();
        return hasher.key(token);
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * SHA-256 of a token without copying it into a new byte array per request: its ASCII characters go through one
     * reused buffer per thread (a string with anything else is hashed as its UTF-8 bytes, so keys stay exact).
     */
    private static final class Hasher {

        private final MessageDigest digest = sha256();
        private final byte[] buffer = new byte[1024];
        private final byte[] hash = new byte[32];

        Key key(String token) {
            int n = token.length();
            for (int start = 0; start < n; start += this.buffer.length) {
                int end = Math.min(n, start + this.buffer.length);
                for (int i = start; i < end; i++) {
                    char c = token.charAt(i);
                    if (c > 0x7f) { // not a bearer token: hash its exact UTF-8 bytes
                        this.digest.reset();
                        this.digest.update(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        return finish();
                    }
                    this.buffer[i - start] = (byte) c;
                }
                this.digest.update(this.buffer, 0, end - start);
            }
            return finish();
        }

        private Key finish() {
            try {
                this.digest.digest(this.hash, 0, 32);
            }
            catch (java.security.DigestException ex) {
                throw new IllegalStateException(ex);
            }
            ByteBuffer h = ByteBuffer.wrap(this.hash);
            return new Key(h.getLong(), h.getLong(), h.getLong(), h.getLong());
        }
    }

    /** 256 bits of a token's SHA-256. */
    record Key(long a, long b, long c, long d) {
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
