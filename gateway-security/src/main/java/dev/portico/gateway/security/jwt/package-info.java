/**
 * The {@code jwt} filter: bearer tokens verified by Spring Security's {@code ReactiveJwtDecoder} and
 * {@code JwtReactiveAuthenticationManager}, authorized per route by Spring Security's authority {@code AuthorizationManager}; several
 * named issuers picked by the token's {@code iss}; a bounded cache of validated tokens; JWKS refetches at a bounded
 * rate.
 */
@NullMarked
package dev.portico.gateway.security.jwt;

import org.jspecify.annotations.NullMarked;
