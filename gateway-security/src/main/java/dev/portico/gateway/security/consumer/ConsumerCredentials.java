package dev.portico.gateway.security.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.portico.gateway.filter.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A consumer with the credentials it authenticates with: any number of API keys (several at once while a key
 * rotates) and at most one basic-auth credential. What a {@link ConsumerStore} holds; the {@link Consumer} alone
 * (id, groups, metadata, no credentials) is what filters after authentication see.
 *
 * <pre>{@code
 * ConsumerCredentials reports = ConsumerCredentials.builder(new Consumer("reports", Set.of("internal"), Map.of()))
 *         .apiKey(ApiKey.ofHash("sha256:9f86d0…"))
 *         .apiKey(ApiKey.of("previous-key", Instant.parse("2026-12-31T00:00:00Z")))
 *         .basicAuth(BasicAuthCredential.of("reports", "{bcrypt}$2a$10$…"))
 *         .build();
 * }</pre>
 */
public final class ConsumerCredentials {

    private final Consumer consumer;
    private final List<ApiKey> apiKeys;
    private final @Nullable BasicAuthCredential basicAuth;
    private final String groupsValue;

    private ConsumerCredentials(Builder builder) {
        this.consumer = builder.consumer;
        this.apiKeys = List.copyOf(builder.apiKeys);
        this.basicAuth = builder.basicAuth;
        this.groupsValue = String.join(",", this.consumer.groups().stream().sorted().toList());
    }

    public static Builder builder(Consumer consumer) {
        return new Builder(consumer);
    }

    public Consumer consumer() {
        return this.consumer;
    }

    public String id() {
        return this.consumer.id();
    }

    public List<ApiKey> apiKeys() {
        return this.apiKeys;
    }

    public @Nullable BasicAuthCredential basicAuth() {
        return this.basicAuth;
    }

    /** The consumer's groups sorted and joined with {@code ,}: the value of the groups identity header. */
    public String groupsValue() {
        return this.groupsValue;
    }

    @Override
    public String toString() {
        return "ConsumerCredentials[" + this.consumer.id() + ", " + this.apiKeys.size() + " API key(s)"
                + (this.basicAuth != null ? ", basic-auth " + this.basicAuth.username() : "") + "]";
    }

    /** Builds {@link ConsumerCredentials}. */
    public static final class Builder {

        private final Consumer consumer;
        private final List<ApiKey> apiKeys = new ArrayList<>();
        private @Nullable BasicAuthCredential basicAuth;

        private Builder(Consumer consumer) {
            this.consumer = Objects.requireNonNull(consumer, "consumer");
        }

        /** Adds an API key; a consumer may hold several (rotation). */
        public Builder apiKey(ApiKey key) {
            this.apiKeys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        public Builder basicAuth(@Nullable BasicAuthCredential credential) {
            this.basicAuth = credential;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the id or a group cannot be sent in an identity header (control
         * characters; a comma in a group name, which would split the groups header)
         */
        public ConsumerCredentials build() {
            headerSafe("id", this.consumer.id());
            for (String group : this.consumer.groups()) {
                headerSafe("groups", group);
                if (group.isEmpty() || group.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("groups: '" + group
                            + "' (expected: a non-empty group name without ',')");
                }
            }
            return new ConsumerCredentials(this);
        }

        private static void headerSafe(String property, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new IllegalArgumentException(property + ": '" + value.replace("\r", "\\r").replace("\n", "\\n")
                            + "' (expected: no control characters; it is sent in an identity header)");
                }
            }
        }
    }
}
