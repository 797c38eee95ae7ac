package dev.portico.gateway.security.basicauth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.portico.gateway.security.consumer.BasicAuthCredential;
import org.jspecify.annotations.Nullable;

/**
 * Recently verified (user name, password) pairs, so that a client sending the same basic-auth credentials with
 * every request costs one password-hash check per {@code ttl}, not one per request (bcrypt is 50–100 ms of CPU).
 *
 * <ul>
 * <li>No password is kept: an entry's key is an HMAC-SHA256 of user name and password under a random key made at
 * startup and never exported.</li>
 * <li>An entry is bound to the stored credential it was verified against: once the store's password hash for that
 * user changes (or the user is gone) the entry no longer counts.</li>
 * <li>Only successes are cached; failed attempts always pay the full check.</li>
 * <li>Bounded: at {@code maxEntries} the cache is cleared rather than grown (the next requests re-verify).</li>
 * </ul>
 */
final class VerifiedCredentials {

    private record Entry(BasicAuthCredential credential, long expiresAtNanos) {
    }

    /** A MAC as a map key. */
    private static final class Key {

        private final byte[] mac;
        private final int hash;

        Key(byte[] mac) {
            this.mac = mac;
            this.hash = Arrays.hashCode(mac);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Key that && Arrays.equals(this.mac, that.mac);
        }

        @Override
        public int hashCode() {
            return this.hash;
        }
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final SecretKeySpec secret;
    private final ThreadLocal<Mac> macs;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    VerifiedCredentials(long ttlNanos, int maxEntries) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.secret = new SecretKeySpec(random, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    boolean enabled() {
        return this.ttlNanos > 0 && this.maxEntries > 0;
    }

    /** Whether this pair was verified against {@code current} within the TTL. */
    boolean contains(Object key, BasicAuthCredential current) {
        Entry entry = this.entries.get((Key) key);
        if (entry == null) {
            return false;
        }
        if (System.nanoTime() - entry.expiresAtNanos >= 0 || !entry.credential.equals(current)) {
            this.entries.remove((Key) key, entry);
            return false;
        }
        return true;
    }

    void put(Object key, BasicAuthCredential verified) {
        if (this.entries.size() >= this.maxEntries) {
            this.entries.clear();
        }
        this.entries.put((Key) key, new Entry(verified, System.nanoTime() + this.ttlNanos));
    }

    /** The cache key of a user name and password. */
    Object key(String username, String password) {
        Mac mac = this.macs.get();
        mac.update(username.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return new Key(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    }

    int size() {
        return this.entries.size();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(this.secret);
            return mac;
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
        }
    }
}
