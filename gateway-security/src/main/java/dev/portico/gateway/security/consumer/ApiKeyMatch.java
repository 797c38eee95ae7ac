package dev.portico.gateway.security.consumer;

import java.util.Objects;

/**
 * The result of looking up an API key: the key that matched (its expiry is checked by the caller, at the request's
 * time) and the consumer that holds it.
 *
 * @param key the matching key
 * @param owner the consumer holding it
 */
public record ApiKeyMatch(ApiKey key, ConsumerCredentials owner) {

    public ApiKeyMatch {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
    }
}
