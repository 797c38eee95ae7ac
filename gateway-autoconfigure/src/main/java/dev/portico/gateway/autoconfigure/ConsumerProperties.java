package dev.portico.gateway.autoconfigure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** One consumer ({@code portico.consumers.<name>}): its identity and its credentials. */
public class ConsumerProperties {

    /** Consumer id, sent upstream in X-Consumer-Id and named by consumer-restriction; defaults to the map key. */
    private @Nullable String id;

    /** Groups the consumer belongs to (consumer-restriction's allow-groups, X-Consumer-Groups). */
    private List<String> groups = new ArrayList<>();

    /** Free-form settings filters may read (a plan, a tenant). */
    private Map<String, String> metadata = new LinkedHashMap<>();

    /** API keys accepted for this consumer; several at once while a key rotates. */
    private List<ApiKey> apiKeys = new ArrayList<>();

    /** Basic-auth credentials of this consumer. */
    private @Nullable BasicAuth basicAuth;

    public @Nullable String getId() {
        return this.id;
    }

    public void setId(@Nullable String id) {
        this.id = id;
    }

    public List<String> getGroups() {
        return this.groups;
    }

    public void setGroups(List<String> groups) {
        this.groups = groups;
    }

    public Map<String, String> getMetadata() {
        return this.metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    public List<ApiKey> getApiKeys() {
        return this.apiKeys;
    }

    public void setApiKeys(List<ApiKey> apiKeys) {
        this.apiKeys = apiKeys;
    }

    public @Nullable BasicAuth getBasicAuth() {
        return this.basicAuth;
    }

    public void setBasicAuth(@Nullable BasicAuth basicAuth) {
        this.basicAuth = basicAuth;
    }

    /** One API key: either its hash (preferred) or the key itself, which is hashed at startup and not kept. */
    public static class ApiKey {

        /** The key's SHA-256, 'sha256:' followed by 64 hex digits (printf %s "$KEY" | sha256sum). */
        private @Nullable String hash;

        /** The key in clear, e.g. from an environment variable; hashed at startup. Prefer 'hash'. */
        private @Nullable String key;

        /** When the key stops being accepted (ISO-8601, e.g. 2026-12-31T00:00:00Z); never when unset. */
        private @Nullable Instant expiresAt;

        public @Nullable String getHash() {
            return this.hash;
        }

        public void setHash(@Nullable String hash) {
            this.hash = hash;
        }

        public @Nullable String getKey() {
            return this.key;
        }

        public void setKey(@Nullable String key) {
            this.key = key;
        }

        public @Nullable Instant getExpiresAt() {
            return this.expiresAt;
        }

        public void setExpiresAt(@Nullable Instant expiresAt) {
            this.expiresAt = expiresAt;
        }
    }

    /** Basic-auth credentials: a user name and an encoded password; plain passwords are refused. */
    public static class BasicAuth {

        /** User name; defaults to the consumer id. */
        private @Nullable String username;

        /** Encoded password with its encoder id, e.g. {bcrypt}$2a$10$...; {noop} and plain values are refused. */
        private @Nullable String passwordHash;

        public @Nullable String getUsername() {
            return this.username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPasswordHash() {
            return this.passwordHash;
        }

        public void setPasswordHash(@Nullable String passwordHash) {
            this.passwordHash = passwordHash;
        }
    }
}
