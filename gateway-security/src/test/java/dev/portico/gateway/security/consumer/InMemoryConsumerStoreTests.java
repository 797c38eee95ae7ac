package dev.portico.gateway.security.consumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portico.gateway.filter.Consumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemoryConsumerStoreTests {

    static ConsumerCredentials consumer(String id, String... keys) {
        ConsumerCredentials.Builder builder = ConsumerCredentials.builder(Consumer.of(id));
        for (String key : keys) {
            builder.apiKey(ApiKey.of(key));
        }
        return builder.build();
    }

    @Test
    void findsEachKeyOfEachConsumerByHash() {
        List<ConsumerCredentials> consumers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            consumers.add(consumer("c" + i, "key-" + i + "-a", "key-" + i + "-b"));
        }
        InMemoryConsumerStore store = InMemoryConsumerStore.of(consumers);
        for (int i = 0; i < 200; i++) {
            assertThat(store.findByApiKeyHash(ApiKey.sha256("key-" + i + "-a")).owner().id()).isEqualTo("c" + i);
            assertThat(store.findByApiKeyHash(ApiKey.sha256("key-" + i + "-b")).owner().id()).isEqualTo("c" + i);
        }
        assertThat(store.findByApiKeyHash(ApiKey.sha256("key-x"))).isNull();
        assertThat(store.findByApiKeyHash(new byte[3])).isNull();
        assertThat(store.findById("c7").id()).isEqualTo("c7");
        assertThat(store.findById("nobody")).isNull();
    }

    @Test
    void anEmptyStoreKnowsNoKey() {
        assertThat(InMemoryConsumerStore.empty().findByApiKeyHash(ApiKey.sha256("k"))).isNull();
    }

    @Test
    void preHashedKeysMatchTheirPlainKey() {
        String hex = HexFormat.of().formatHex(ApiKey.sha256("s3cr3t"));
        ApiKey hashed = ApiKey.ofHash("sha256:" + hex);
        assertThat(hashed).isEqualTo(ApiKey.of("s3cr3t"));
        assertThat(hashed.hash()).isEqualTo("sha256:" + hex);
        assertThat(hashed.toString()).doesNotContain(hex).contains(hex.substring(0, 8));
        assertThat(ApiKey.ofHash("sha256:" + hex.toUpperCase())).isEqualTo(hashed);
    }

    @Test
    void hashesIntoABufferLikeIntoANewArray() {
        byte[] out = new byte[32];
        for (String key : List.of("abc", "", "ключ-ü", "a".repeat(300))) {
            ApiKey.sha256(key, out);
            assertThat(out).isEqualTo(ApiKey.sha256(key));
        }
    }

    @Test
    void refusesMalformedHashesWithoutShowingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.ofHash("my-plain-key"))
                .withMessageStartingWith("hash: a value of 12 characters, not shown (expected: sha256:")
                .withMessageNotContaining("my-plain-key");
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.ofHash("sha256:abc"));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.ofHash("sha256:" + "g".repeat(64)));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.of(""));
    }

    @Test
    void expiryIsExclusiveOfTheInstant() {
        Instant at = Instant.parse("2026-12-31T00:00:00Z");
        ApiKey key = ApiKey.of("k", at);
        assertThat(key.isExpiredAt(at.toEpochMilli() - 1)).isFalse();
        assertThat(key.isExpiredAt(at.toEpochMilli())).isTrue();
        assertThat(ApiKey.of("k").isExpiredAt(Long.MAX_VALUE - 1)).isFalse();
    }

    @Test
    void refusesAKeyHeldByTwoConsumers() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InMemoryConsumerStore.of(List.of(consumer("a", "k1"), consumer("b", "k2", "k1"))))
                .withMessageStartingWith("consumer 'b': api-keys[1] ApiKey[sha256:")
                .withMessageContaining("is already a key of consumer 'a'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InMemoryConsumerStore.of(List.of(consumer("a", "k1", "k1"))))
                .withMessageContaining("is already one of its keys");
    }

    @Test
    void refusesDuplicateIdsAndUsernames() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> InMemoryConsumerStore.of(List.of(consumer("a"), consumer("a"))))
                .withMessageContaining("consumer 'a': id defined twice");
        String hash = "{bcrypt}$2a$04$" + "a".repeat(53);
        ConsumerCredentials a = ConsumerCredentials.builder(Consumer.of("a"))
                .basicAuth(BasicAuthCredential.of("ops", hash)).build();
        ConsumerCredentials b = ConsumerCredentials.builder(Consumer.of("b"))
                .basicAuth(BasicAuthCredential.of("ops", hash)).build();
        assertThatIllegalArgumentException().isThrownBy(() -> InMemoryConsumerStore.of(List.of(a, b)))
                .withMessageContaining("basic-auth username 'ops' is also consumer 'a''s");
    }

    @Test
    void replaceSwapsEveryConsumerAtOnceAndKeepsTheOldSetOnError() {
        InMemoryConsumerStore store = InMemoryConsumerStore.of(List.of(consumer("a", "old")));
        store.replace(List.of(consumer("a", "old", "new")));      // rotation: both valid
        assertThat(store.findByApiKeyHash(ApiKey.sha256("old"))).isNotNull();
        assertThat(store.findByApiKeyHash(ApiKey.sha256("new"))).isNotNull();
        store.replace(List.of(consumer("a", "new")));             // the old key retired
        assertThat(store.findByApiKeyHash(ApiKey.sha256("old"))).isNull();
        assertThatIllegalArgumentException().isThrownBy(() -> store.replace(List.of(consumer("a"), consumer("a"))));
        assertThat(store.findByApiKeyHash(ApiKey.sha256("new")).owner().id()).isEqualTo("a");
    }

    @Test
    void groupsValueIsSortedAndConsumersMustBeHeaderSafe() {
        ConsumerCredentials c = ConsumerCredentials.builder(new Consumer("a", Set.of("ops", "admins"), Map.of()))
                .build();
        assertThat(c.groupsValue()).isEqualTo("admins,ops");
        assertThatIllegalArgumentException().isThrownBy(() -> ConsumerCredentials
                .builder(new Consumer("a\r\nX-Evil: 1", Set.of(), Map.of())).build()).withMessageStartingWith("id: ");
        assertThatIllegalArgumentException().isThrownBy(() -> ConsumerCredentials
                .builder(new Consumer("a", Set.of("a,b"), Map.of())).build()).withMessageStartingWith("groups: 'a,b'");
    }
}
