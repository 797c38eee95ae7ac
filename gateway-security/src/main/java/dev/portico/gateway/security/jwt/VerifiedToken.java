package dev.portico.gateway.security.jwt;

import java.util.Objects;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token that passed its issuer's decoder: what the cache holds and what route rules check.
 *
 * @param issuer the name of the issuer that verified it
 * @param jwt the verified token
 * @param authentication what the authentication converter made of it (authorities from {@code scope}/{@code scp})
 */
public record VerifiedToken(String issuer, Jwt jwt, Authentication authentication) {

    public VerifiedToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(authentication, "authentication");
    }
}
