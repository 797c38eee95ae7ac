package dev.portico.gateway.security.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ConsumerStore} held in memory: an immutable snapshot behind one {@code volatile} field, so reads take no
 * lock and see either the old or the new set of consumers, never a mix. {@link #replace} validates a new set and swaps
 * it in at once (key rotation, consumers added or removed at runtime).
 *
 * <pre>{@code
 * InMemoryConsumerStore store = InMemoryConsumerStore.of(List.of(
 *         ConsumerCredentials.builder(Consumer.of("reports")).apiKey(ApiKey.ofHash("sha256:9f86d0…")).build()));
 * }</pre>
 *
 * <p>API keys sit in an open-addressing table indexed by the first four bytes of their SHA-256 hash: a lookup hashes
 * nothing more, allocates nothing, and confirms the full hash with {@link java.security.MessageDigest#isEqual}.
 *
 * <p>Refused (with {@link IllegalArgumentException} naming the consumer): two consumers with the same id, the same
 * API key held twice (by one consumer or two: a key must identify one consumer), two consumers with the same
 * basic-auth user name.
 */
public final class InMemoryConsumerStore implements ConsumerStore {

    private volatile Snapshot snapshot;

    private InMemoryConsumerStore(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** A store of these consumers. */
    public static InMemoryConsumerStore of(Collection<ConsumerCredentials> consumers) {
        return new InMemoryConsumerStore(new Snapshot(consumers));
    }

    /** An empty store (every credential is unknown). */
    public static InMemoryConsumerStore empty() {
        return of(List.of());
    }

    /** Replaces every consumer at once, after validating the new set; on error the old set stays. */
    public void replace(Collection<ConsumerCredentials> consumers) {
        this.snapshot = new Snapshot(consumers);
    }

    /** The consumers, in the order given. */
    public List<ConsumerCredentials> consumers() {
        return this.snapshot.consumers;
    }

    @Override
    public @Nullable ApiKeyMatch findByApiKeyHash(byte[] sha256) {
        return this.snapshot.findKey(sha256);
    }

    @Override
    public @Nullable ConsumerCredentials findByUsername(String username) {
        return this.snapshot.byUsername.get(username);
    }

    @Override
    public @Nullable ConsumerCredentials findById(String id) {
        return this.snapshot.byId.get(id);
    }

    @Override
    public String toString() {
        return "InMemoryConsumerStore[" + this.snapshot.consumers.size() + " consumers]";
    }

    /** One immutable generation of the store. */
    private static final class Snapshot {

        private final List<ConsumerCredentials> consumers;
        private final Map<String, ConsumerCredentials> byId;
        private final Map<String, ConsumerCredentials> byUsername;
        /** Open addressing, linear probing, power-of-two size at most half full; null slots end a probe. */
        private final @Nullable ApiKeyMatch[] keys;
        private final int mask;

        Snapshot(Collection<ConsumerCredentials> all) {
            this.consumers = List.copyOf(all);
            Map<String, ConsumerCredentials> byId = new HashMap<>();
            Map<String, ConsumerCredentials> byUsername = new HashMap<>();
            int keyCount = 0;
            for (ConsumerCredentials c : this.consumers) {
                Objects.requireNonNull(c, "consumer");
                if (byId.putIfAbsent(c.id(), c) != null) {
                    throw new IllegalArgumentException("consumer '" + c.id() + "': id defined twice (expected: unique ids)");
                }
                BasicAuthCredential basic = c.basicAuth();
                if (basic != null) {
                    ConsumerCredentials other = byUsername.putIfAbsent(basic.username(), c);
                    if (other != null) {
                        throw new IllegalArgumentException("consumer '" + c.id() + "': basic-auth username '"
                                + basic.username() + "' is also consumer '" + other.id()
                                + "''s (expected: a username identifies one consumer)");
                    }
                }
                keyCount += c.apiKeys().size();
            }
            int size = Integer.highestOneBit(Math.max(4, keyCount * 2 + 1) - 1) << 1;
            this.keys = new ApiKeyMatch[size];
            this.mask = size - 1;
            for (ConsumerCredentials c : this.consumers) {
                for (int k = 0; k < c.apiKeys().size(); k++) {
                    ApiKey key = c.apiKeys().get(k);
                    ApiKeyMatch existing = findKey(key.sha256());
                    if (existing != null) {
                        throw new IllegalArgumentException("consumer '" + c.id() + "': api-keys[" + k + "] " + key
                                + " is already " + (existing.owner() == c ? "one of its keys"
                                        : "a key of consumer '" + existing.owner().id() + "'")
                                + " (expected: each key identifies one consumer)");
                    }
                    int slot = key.hashCode() & this.mask;
                    while (this.keys[slot] != null) {
                        slot = (slot + 1) & this.mask;
                    }
                    this.keys[slot] = new ApiKeyMatch(key, c);
                }
            }
            this.byId = Map.copyOf(byId);
            this.byUsername = Map.copyOf(byUsername);
        }

        @Nullable ApiKeyMatch findKey(byte[] sha256) {
            if (sha256.length != ApiKey.HASH_LENGTH) {
                return null;
            }
            int slot = ApiKey.prefix(sha256) & this.mask;
            ApiKeyMatch match;
            while ((match = this.keys[slot]) != null) {
                if (match.key().matches(sha256)) {
                    return match;
                }
                slot = (slot + 1) & this.mask;
            }
            return null;
        }
    }
}
