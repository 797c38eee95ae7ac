/**
 * Consumers and their credentials: API keys (kept as SHA-256 hashes only, several per consumer for rotation, each
 * with an optional expiry), basic-auth credentials (encoded with a Spring Security {@code PasswordEncoder} id such as
 * {@code {bcrypt}}), and the {@link dev.portico.gateway.security.consumer.ConsumerStore} the authentication filters
 * look them up in. {@link dev.portico.gateway.security.consumer.InMemoryConsumerStore} is the store configuration
 * fills; it reads lock-free and is replaced as a whole.
 */
@NullMarked
package dev.portico.gateway.security.consumer;

import org.jspecify.annotations.NullMarked;
