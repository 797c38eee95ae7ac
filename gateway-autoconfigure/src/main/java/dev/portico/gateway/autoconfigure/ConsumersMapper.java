package dev.portico.gateway.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.security.consumer.ApiKey;
import dev.portico.gateway.security.consumer.BasicAuthCredential;
import dev.portico.gateway.security.consumer.ConsumerCredentials;
import dev.portico.gateway.security.consumer.InMemoryConsumerStore;

/**
 * Turns {@code portico.consumers} into an {@link InMemoryConsumerStore}, once, at startup. A mistake (a malformed
 * hash, a plain password, an unknown encoder id, a key held twice) fails with the property at fault.
 */
final class ConsumersMapper {

    private static final String PREFIX = "portico.consumers";

    private static final String FIX = "see docs/security.md#consumers";

    private ConsumersMapper() {
    }

    static InMemoryConsumerStore store(ConsumersProperties properties) {
        List<ConsumerCredentials> consumers = new ArrayList<>();
        for (Map.Entry<String, ConsumerProperties> e : properties.getConsumers().entrySet()) {
            consumers.add(consumer(PREFIX + "." + e.getKey(), e.getKey(), e.getValue()));
        }
        try {
            return InMemoryConsumerStore.of(consumers);
        }
        catch (IllegalArgumentException ex) {
            throw new RouteDefinitionException(null, PREFIX, ex.getMessage(), FIX, ex);
        }
    }

    private static ConsumerCredentials consumer(String property, String name, ConsumerProperties spec) {
        String id = spec.getId() != null ? spec.getId() : name;
        ConsumerCredentials.Builder builder;
        try {
            builder = ConsumerCredentials.builder(new Consumer(id, new LinkedHashSet<>(spec.getGroups()),
                    spec.getMetadata()));
        }
        catch (RuntimeException ex) {
            throw new RouteDefinitionException(null, property, ex.getMessage(), FIX, ex);
        }
        for (int i = 0; i < spec.getApiKeys().size(); i++) {
            String keyProperty = property + ".api-keys[" + i + "]";
            builder.apiKey(apiKey(keyProperty, spec.getApiKeys().get(i)));
        }
        ConsumerProperties.BasicAuth basic = spec.getBasicAuth();
        if (basic != null) {
            String username = basic.getUsername() != null ? basic.getUsername() : id;
            if (basic.getPasswordHash() == null) {
                throw new RouteDefinitionException(null, property + ".basic-auth.password-hash", "missing",
                        "set an encoded password such as {bcrypt}$2a$10$...; " + FIX);
            }
            try {
                builder.basicAuth(BasicAuthCredential.of(username, basic.getPasswordHash()));
            }
            catch (IllegalArgumentException ex) {
                String field = ex.getMessage().startsWith("username") ? "username" : "password-hash";
                throw new RouteDefinitionException(null, property + ".basic-auth." + field, ex.getMessage(), FIX, ex);
            }
        }
        try {
            return builder.build();
        }
        catch (IllegalArgumentException ex) {
            throw new RouteDefinitionException(null, property, ex.getMessage(), FIX, ex);
        }
    }

    private static ApiKey apiKey(String property, ConsumerProperties.ApiKey spec) {
        if ((spec.getHash() == null) == (spec.getKey() == null)) {
            throw new RouteDefinitionException(null, property, spec.getHash() == null ? "neither hash nor key is set"
                    : "both hash and key are set", "set one: hash (sha256:<hex>, preferred) or key; " + FIX);
        }
        try {
            return spec.getHash() != null ? ApiKey.ofHash(spec.getHash(), spec.getExpiresAt())
                    : ApiKey.of(spec.getKey(), spec.getExpiresAt());
        }
        catch (IllegalArgumentException ex) {
            throw new RouteDefinitionException(null, property + (spec.getHash() != null ? ".hash" : ".key"),
                    ex.getMessage(), FIX, ex);
        }
    }
}
