package dev.portico.gateway.security.consumer;

import org.jspecify.annotations.Nullable;

/**
 * Where the authentication filters find consumers: by the SHA-256 of an API key, by basic-auth user name, by id.
 *
 * <p><b>Synchronous on purpose.</b> Every authenticated request looks a credential up, on a Netty event loop: the
 * lookup must answer from memory, in well under a microsecond, and must not block. A store backed by a database or
 * a remote service keeps a local replica and refreshes it in the background (for instance by building an
 * {@link InMemoryConsumerStore} snapshot and calling {@link InMemoryConsumerStore#replace}), so that a slow or
 * unreachable backend never turns into request latency or, worse, into an authentication decision made on a
 * timeout. A reactive ({@code Mono}) contract would cost an operator per request and invite per-request I/O; the
 * key-auth filter stays an {@code InlineFilter} because this one is not reactive.
 *
 * <p>Implementations are called concurrently from many threads; reads must be thread-safe and should be lock-free.
 * Results for a missing credential are {@code null}, never an exception. Expiry of API keys is checked by the caller.
 *
 * <p>A {@code ConsumerStore} bean replaces the one Portico builds from {@code portico.consumers}.
 */
public interface ConsumerStore {

    /**
     * The key whose SHA-256 hash is {@code sha256} (32 bytes) with its owner, or {@code null}. Implementations compare
     * hashes with {@link java.security.MessageDigest#isEqual} ({@link ApiKey#matches}); the array must not be kept.
     */
    @Nullable ApiKeyMatch findByApiKeyHash(byte[] sha256);

    /** The consumer with this basic-auth user name (exact, case-sensitive), or {@code null}. */
    @Nullable ConsumerCredentials findByUsername(String username);

    /** The consumer with this id, or {@code null}. */
    @Nullable ConsumerCredentials findById(String id);
}
