package dev.portico.gateway.filter;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the consumer an authentication filter identified (an API key's owner, a JWT's subject). Filters
 * that run after authentication read it from {@link GatewayAttributes#CONSUMER}: access control by consumer and
 * group, rate limits per consumer, consistent hashing, identity headers and logs. Credentials are never part of it.
 *
 * @param id the consumer's id, unique in the gateway
 * @param groups the groups it belongs to (access rules and limits can name a group)
 * @param metadata free-form settings that filters may read (e.g. a plan, a tenant)
 */
public record Consumer(String id, Set<String> groups, Map<String, String> metadata) {

    public Consumer {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("consumer id is blank");
        }
        groups = Set.copyOf(groups);
        metadata = Map.copyOf(metadata);
    }

    /** A consumer with no groups and no metadata. */
    public static Consumer of(String id) {
        return new Consumer(id, Set.of(), Map.of());
    }
}
