package dev.portico.gateway.security.jwt;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jwt.JWTParser;
import dev.portico.gateway.filter.GatewayException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;

/**
 * Verifies bearer tokens for every {@code jwt} route of a gateway: one Spring Security
 * {@link JwtReactiveAuthenticationManager} per issuer (its decoder plus the {@code ReactiveJwtAuthenticationConverter}),
 * composed once; the issuer picked by the token's {@code iss} claim, read without trusting it (it only chooses
 * which decoder verifies, and that decoder checks {@code iss} again); validated tokens cached.
 *
 * <pre>{@code
 * JwtAuthenticator authenticator = JwtAuthenticator.builder()
 *         .issuer(JwtIssuer.of(JwtIssuer.DEFAULT, "https://login.example", bootsDecoder))
 *         .issuer(JwtIssuer.remote("partners", "https://login.partner.example").build(limiter))
 *         .cache(ValidatedTokenCache.of(10_000, Duration.ofMinutes(5)))
 *         .build();
 * GatewayFilter jwt = JwtFilter.builder(authenticator).scopes("orders:read").build();
 * }</pre>
 *
 * <p>With one issuer the claim is not read at all. With several, a token whose {@code iss} names none of them is
 * rejected before any key is fetched, except that an issuer without a known {@code iss} (the application's decoder
 * without {@code issuer-uri}) takes the tokens no other issuer claims.
 */
public final class JwtAuthenticator {

    /** The longest token accepted when none is given: 8 KiB, Reactor Netty's default limit for all headers. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;

    private final Map<String, JwtIssuer> issuers;
    private final Map<String, Entry> byIss;
    private final @Nullable Entry fallback;
    private final @Nullable Entry single;
    private final @Nullable ValidatedTokenCache cache;
    private final int maxTokenLength;

    private JwtAuthenticator(Builder builder) {
        if (builder.issuers.isEmpty()) {
            throw new IllegalArgumentException("issuers: [] (expected: at least one token issuer)");
        }
        if (builder.maxTokenLength < 16) {
            throw new IllegalArgumentException("max-token-length: " + builder.maxTokenLength + " (expected: >= 16)");
        }
        this.issuers = Map.copyOf(builder.issuers);
        Map<String, Entry> byIss = new LinkedHashMap<>();
        Entry fallback = null;
        List<Entry> all = new ArrayList<>();
        for (JwtIssuer issuer : builder.issuers.values()) {
            JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(issuer.decoder());
            manager.setJwtAuthenticationConverter(builder.converter);
            Entry entry = new Entry(issuer.name(), manager);
            all.add(entry);
            if (issuer.issuer() == null) {
                if (fallback != null) {
                    throw new IllegalArgumentException("issuers: '" + fallback.name + "' and '" + issuer.name()
                            + "' both have no issuer-uri (expected: at most one decoder that takes any iss)");
                }
                fallback = entry;
            }
            else {
                Entry previous = byIss.put(issuer.issuer(), entry);
                if (previous != null) {
                    throw new IllegalArgumentException("issuers: '" + previous.name + "' and '" + issuer.name()
                            + "' have the same issuer-uri " + issuer.issuer() + " (expected: one issuer per iss)");
                }
            }
        }
        this.byIss = Map.copyOf(byIss);
        this.fallback = fallback;
        this.single = all.size() == 1 ? all.get(0) : null;
        this.cache = builder.cache;
        this.maxTokenLength = builder.maxTokenLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The issuers by name. */
    public Map<String, JwtIssuer> issuers() {
        return this.issuers;
    }

    public Set<String> issuerNames() {
        return this.issuers.keySet();
    }

    public @Nullable ValidatedTokenCache cache() {
        return this.cache;
    }

    /**
     * Verifies {@code token} (the bearer value, without {@code Bearer }). Fails with a {@link GatewayException}: 401
     * with an RFC 6750 {@code invalid_token} challenge, or 503 when the issuer's keys cannot be fetched.
     */
    /**
     * The token as verified before, from the validated-token cache, or {@code null} (no cache, a miss, or a token
     * too long to have been cached): the hot path of a busy gateway, with no reactive step.
     */
    public @Nullable VerifiedToken cached(String token) {
        ValidatedTokenCache cache = this.cache;
        if (cache == null || token.length() > this.maxTokenLength) {
            return null;
        }
        return cache.get(ValidatedTokenCache.key(token));
    }

    public Mono<VerifiedToken> authenticate(String token) {
        if (token.length() > this.maxTokenLength) {
            return Mono.error(BearerErrors.TOO_LARGE);
        }
        ValidatedTokenCache cache = this.cache;
        ValidatedTokenCache.Key key = null;
        if (cache != null) {
            key = ValidatedTokenCache.key(token);
            VerifiedToken hit = cache.get(key);
            if (hit != null) {
                return Mono.just(hit);
            }
        }
        Entry entry;
        try {
            entry = select(token);
        }
        catch (GatewayException ex) {
            return Mono.error(ex);
        }
        ValidatedTokenCache.Key cacheKey = key;
        String issuerName = entry.name;
        return entry.manager.authenticate(new BearerTokenAuthenticationToken(token))
                .onErrorMap(JwtAuthenticator::translate)
                .map(authentication -> {
                    VerifiedToken verified = new VerifiedToken(issuerName, jwtOf(authentication), authentication);
                    if (cache != null && cacheKey != null) {
                        cache.put(cacheKey, verified);
                    }
                    return verified;
                });
    }

    /** Which issuer verifies the token: by its unverified {@code iss}, used for nothing else. */
    private Entry select(String token) {
        if (this.single != null) {
            return this.single; // one decoder: it validates iss itself
        }
        String iss;
        try {
            // parses header and claims only; JSON nesting and size are bounded by Nimbus and by maxTokenLength
            iss = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        }
        catch (ParseException | RuntimeException ex) {
            throw BearerErrors.MALFORMED;
        }
        Entry entry = iss != null ? this.byIss.get(iss) : null;
        if (entry == null) {
            entry = this.fallback;
        }
        if (entry == null) {
            throw BearerErrors.UNKNOWN_ISSUER;
        }
        return entry;
    }

    private static Jwt jwtOf(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            return token.getToken();
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            return jwt;
        }
        if (authentication.getCredentials() instanceof Jwt jwt) {
            return jwt;
        }
        throw new IllegalStateException("the JWT authentication converter made a " + authentication.getClass().getName()
                + " that holds no Jwt (expected: a JwtAuthenticationToken, or the Jwt as principal or credentials)");
    }

    /** Short, fixed descriptions: nothing of the token, the keys or the decoder's messages reaches the client. */
    private static Throwable translate(Throwable error) {
        if (error instanceof GatewayException) {
            return error;
        }
        if (error instanceof InvalidBearerTokenException) {
            if (error.getCause() instanceof JwtValidationException validation) {
                for (OAuth2Error e : validation.getErrors()) {
                    String d = e.getDescription() == null ? "" : e.getDescription();
                    if (d.startsWith("Jwt expired")) {
                        return BearerErrors.EXPIRED;
                    }
                    if (d.startsWith("Jwt used before")) {
                        return BearerErrors.NOT_YET_VALID;
                    }
                    if (d.contains("iss claim")) {
                        return BearerErrors.INVALID_ISSUER;
                    }
                    if (d.contains("aud claim")) {
                        return BearerErrors.INVALID_AUDIENCE;
                    }
                }
            }
            return BearerErrors.INVALID;
        }
        if (error instanceof AuthenticationException) {
            // AuthenticationServiceException: the decoder could not do its work (JWKS unreachable)
            return new GatewayException(503, BearerErrors.ISSUER_UNAVAILABLE.title(),
                    BearerErrors.ISSUER_UNAVAILABLE.detail(), error);
        }
        if (error instanceof IllegalStateException) {
            return error; // a bug in configuration (converter), a 500 naming the route
        }
        // a WebClient error while fetching keys
        return new GatewayException(503, BearerErrors.ISSUER_UNAVAILABLE.title(),
                BearerErrors.ISSUER_UNAVAILABLE.detail(), error);
    }

    private record Entry(String name, ReactiveAuthenticationManager manager) {
    }

    public static final class Builder {

        private final Map<String, JwtIssuer> issuers = new LinkedHashMap<>();
        private Converter<Jwt, ? extends Mono<? extends AbstractAuthenticationToken>> converter =
                new ReactiveJwtAuthenticationConverter();
        private @Nullable ValidatedTokenCache cache;
        private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;

        private Builder() {
        }

        public Builder issuer(JwtIssuer issuer) {
            Objects.requireNonNull(issuer, "issuer");
            if (this.issuers.putIfAbsent(issuer.name(), issuer) != null) {
                throw new IllegalArgumentException("issuers: '" + issuer.name() + "' twice (expected: unique names)");
            }
            return this;
        }

        /**
         * How a verified {@link Jwt} becomes an {@link Authentication}: the application's
         * {@code ReactiveJwtAuthenticationConverter} bean, or Spring Security's default (authorities
         * {@code SCOPE_x} from {@code scope}/{@code scp}, name from {@code sub}).
         */
        public Builder converter(Converter<Jwt, ? extends Mono<? extends AbstractAuthenticationToken>> converter) {
            this.converter = Objects.requireNonNull(converter, "converter");
            return this;
        }

        /** Caches validated tokens; without one, every request verifies its token's signature. */
        public Builder cache(@Nullable ValidatedTokenCache cache) {
            this.cache = cache;
            return this;
        }

        /** Tokens longer than this are rejected before they are parsed. */
        public Builder maxTokenLength(int maxTokenLength) {
            this.maxTokenLength = maxTokenLength;
            return this;
        }

        public JwtAuthenticator build() {
            return new JwtAuthenticator(this);
        }
    }
}
