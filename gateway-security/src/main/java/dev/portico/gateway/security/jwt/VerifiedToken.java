package dev.portico.gateway.security.jwt;

import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token that passed its issuer's decoder: what the cache holds and what route rules check. What every request with
 * it needs again (the Reactor context with its {@code Authentication}, the consumer a route derives from its claims)
 * is made once per token, on first use.
 */
public final class VerifiedToken {

    private final String issuer;
    private final Jwt jwt;
    private final Authentication authentication;
    private final Context securityContext;
    /** {consumerClaim, groupsClaim, consumer} of the last route configuration that asked; racy but idempotent. */
    private volatile Object @Nullable [] consumer;

    /**
     * @param issuer the name of the issuer that verified it
     * @param jwt the verified token
     * @param authentication what the authentication converter made of it (authorities from {@code scope}/{@code scp})
     */
    public VerifiedToken(String issuer, Jwt jwt, Authentication authentication) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.securityContext = ReactiveSecurityContextHolder.withAuthentication(authentication);
    }

    public String issuer() {
        return this.issuer;
    }

    public Jwt jwt() {
        return this.jwt;
    }

    public Authentication authentication() {
        return this.authentication;
    }

    /** {@code ReactiveSecurityContextHolder.withAuthentication(authentication())}, built once. */
    Context securityContext() {
        return this.securityContext;
    }

    /** The consumer for a route configuration, computed once per token for the configuration last asked. */
    <T> T consumer(String consumerClaim, @Nullable String groupsClaim, Class<T> type, Supplier<T> compute) {
        Object[] memo = this.consumer;
        if (memo != null && memo[0].equals(consumerClaim) && Objects.equals(memo[1], groupsClaim)) {
            return type.cast(memo[2]);
        }
        T value = compute.get();
        this.consumer = new Object[] { consumerClaim, groupsClaim, value };
        return value;
    }

    @Override
    public String toString() {
        return "VerifiedToken[issuer=" + this.issuer + ", sub=" + this.jwt.getSubject() + "]";
    }
}
