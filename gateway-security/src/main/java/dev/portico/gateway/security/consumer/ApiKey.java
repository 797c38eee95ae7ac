package dev.portico.gateway.security.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One API key of a consumer, as its SHA-256 hash: the key itself is never kept. A consumer may hold several at once
 * (rotation: add the new key, let clients move, retire the old one), each with an optional expiry.
 *
 * <pre>{@code
 * ApiKey current = ApiKey.ofHash("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
 * ApiKey old = ApiKey.of("s3cr3t-old", Instant.parse("2026-12-31T00:00:00Z"));   // hashed here, then dropped
 * }</pre>
 *
 * <p>A key is compared by hash only, with {@link MessageDigest#isEqual}, whose time does not depend on where two
 * hashes differ.
 */
public final class ApiKey {

    /** The prefix of a pre-hashed key in configuration: {@code sha256:} followed by 64 hex digits. */
    public static final String SHA256_PREFIX = "sha256:";

    /** Length of a SHA-256 hash in bytes. */
    public static final int HASH_LENGTH = 32;

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(ApiKey::newDigest);

    /** Keys up to this length are hashed from a per-thread buffer, without allocating. */
    private static final int SCRATCH_LENGTH = 256;

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_LENGTH]);

    private final byte[] sha256;
    private final @Nullable Instant expiresAt;
    private final long expiresAtMillis;
    private final int hashCode;

    private ApiKey(byte[] sha256, @Nullable Instant expiresAt) {
        if (sha256.length != HASH_LENGTH) {
            throw new IllegalArgumentException("hash: " + sha256.length + " bytes (expected: 32, a SHA-256 hash)");
        }
        this.sha256 = sha256.clone();
        this.expiresAt = expiresAt;
        this.expiresAtMillis = expiresAt == null ? Long.MAX_VALUE : expiresAt.toEpochMilli();
        this.hashCode = prefix(this.sha256);
    }

    /** A key given in clear: it is hashed at once and not kept. */
    public static ApiKey of(String key, @Nullable Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key: '' (expected: a non-empty API key)");
        }
        return new ApiKey(sha256(key), expiresAt);
    }

    /** A key that never expires, given in clear. */
    public static ApiKey of(String key) {
        return of(key, null);
    }

    /**
     * A key given as its hash, {@code sha256:<64 hex digits>} (e.g. {@code printf %s "$KEY" | sha256sum}), so that
     * plain keys need not sit in configuration.
     * @throws IllegalArgumentException when the value is not of that form
     */
    public static ApiKey ofHash(String hash, @Nullable Instant expiresAt) {
        Objects.requireNonNull(hash, "hash");
        String hex = hash.startsWith(SHA256_PREFIX) ? hash.substring(SHA256_PREFIX.length()) : null;
        if (hex == null || hex.length() != 2 * HASH_LENGTH || !isHex(hex)) {
            throw new IllegalArgumentException("hash: a value of " + hash.length()
                    + " characters, not shown (expected: sha256: followed by 64 hex digits, e.g. the output of printf %s \"$KEY\" | sha256sum)");
        }
        return new ApiKey(HexFormat.of().parseHex(hex), expiresAt);
    }

    /** A pre-hashed key that never expires. */
    public static ApiKey ofHash(String hash) {
        return ofHash(hash, null);
    }

    /** The SHA-256 of a key as sent (its UTF-8 bytes), in a new array. */
    public static byte[] sha256(String key) {
        return DIGEST.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The SHA-256 of a key as sent into {@code out} (32 bytes), reusing a per-thread digest: the per-request form.
     * Keys are ASCII in practice; other characters are hashed as UTF-8 like {@link #sha256(String)}.
     */
    public static void sha256(String key, byte[] out) {
        MessageDigest digest = DIGEST.get();
        int n = key.length();
        byte[] bytes = n <= SCRATCH_LENGTH ? SCRATCH.get() : null;
        for (int i = 0; bytes != null && i < n; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                bytes = null; // rare: hash the UTF-8 encoding
            }
            else {
                bytes[i] = (byte) c;
            }
        }
        if (bytes == null) {
            bytes = key.getBytes(StandardCharsets.UTF_8);
            n = bytes.length;
        }
        digest.update(bytes, 0, n);
        try {
            digest.digest(out, 0, HASH_LENGTH);
        }
        catch (java.security.DigestException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The SHA-256 hash of the key (a copy). */
    public byte[] sha256() {
        return this.sha256.clone();
    }

    /** The hash as in configuration, {@code sha256:<hex>}: safe to log. */
    public String hash() {
        return SHA256_PREFIX + HexFormat.of().formatHex(this.sha256);
    }

    /** When the key stops being accepted, or {@code null} for never. */
    public @Nullable Instant expiresAt() {
        return this.expiresAt;
    }

    /** Whether the key is expired at {@code nowMillis} (epoch milliseconds): expiry is exclusive of the instant. */
    public boolean isExpiredAt(long nowMillis) {
        return nowMillis >= this.expiresAtMillis;
    }

    /** Whether this key's hash is {@code sha256}, in time independent of where they differ. */
    public boolean matches(byte[] sha256) {
        return MessageDigest.isEqual(this.sha256, sha256);
    }

    /** The first four bytes of a hash as an int: a well-spread hash code (the input is a SHA-256 output). */
    static int prefix(byte[] sha256) {
        return (sha256[0] & 0xff) << 24 | (sha256[1] & 0xff) << 16 | (sha256[2] & 0xff) << 8 | (sha256[3] & 0xff);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ApiKey that && Arrays.equals(this.sha256, that.sha256)
                && Objects.equals(this.expiresAt, that.expiresAt);
    }

    @Override
    public int hashCode() {
        return this.hashCode;
    }

    /** The hash's first 8 hex digits only: enough to tell keys apart in logs. */
    @Override
    public String toString() {
        return "ApiKey[sha256:" + HexFormat.of().formatHex(this.sha256, 0, 4) + "…"
                + (this.expiresAt != null ? ", expires-at=" + this.expiresAt : "") + "]";
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }
}
