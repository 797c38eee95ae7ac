package dev.portico.gateway.security.jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.Consumer;
import dev.portico.gateway.filter.GatewayAttributes;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.security.AuthenticationFilter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AllAuthoritiesAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Requires a valid bearer JWT ({@code Authorization: Bearer <token>}) on a route, verified by Spring Security's
 * decoders through a shared {@link JwtAuthenticator}, and authorized by Spring Security's
 * {@link AuthorizationManager} for authorities ({@code AuthorityAuthorizationManager} /
 * {@code AllAuthoritiesAuthorizationManager}), built once for the route (required scopes or authorities, any or all). On success:
 * <ul>
 * <li>the consumer ({@link GatewayAttributes#CONSUMER}) is the value of {@code consumer-claim} ({@code sub}), its
 * groups those of {@code groups-claim} ({@code scope}: space-separated, or a JSON array);</li>
 * <li>{@code claims-to-headers} copies claims into upstream headers, after removing what the client sent under those
 * names;</li>
 * <li>{@code Authorization} is removed unless {@code keep-authorization};</li>
 * <li>the {@code Authentication} is in the Reactor context for the rest of the chain
 * ({@code ReactiveSecurityContextHolder.getContext()}).</li>
 * </ul>
 * Failures are RFC 6750 problems: 401 {@code WWW-Authenticate: Bearer} without a token, 401
 * {@code error="invalid_token"} with a short description for a bad one, 403 {@code error="insufficient_scope"}.
 *
 * <pre>{@code
 * Route.builder("orders").match(m -> m.path("/api/orders/**")).uri("http://127.0.0.1:9001")
 *         .filter(JwtFilter.builder(authenticator)
 *                 .scopes("orders:read")
 *                 .claimToHeader("sub", "X-User-Id")
 *                 .build())
 *         .build();
 * }</pre>
 */
public final class JwtFilter implements AuthenticationFilter {

    /** The YAML name. */
    public static final String NAME = "jwt";

    /** Whether required authorities must all be present or any one suffices. */
    public enum Match {
        ANY, ALL
    }

    /** Marks a token without the consumer claim (the memo holds it like any consumer). */
    private static final Consumer NO_CONSUMER = Consumer.of("-");

    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "host", "content-length",
            "transfer-encoding", "connection");

    private final JwtAuthenticator authenticator;
    private final @Nullable Set<String> issuers;
    private final List<String> audiences;
    private final List<String> scopes;
    private final @Nullable AuthorizationManager<GatewayExchange> authorization;
    private final String[] claims;
    private final String[] headers;
    private final String consumerClaim;
    private final @Nullable String groupsClaim;
    private final boolean keepAuthorization;
    private final GatewayException forbidden;
    private final GatewayException noConsumer;

    private JwtFilter(Builder b) {
        this.authenticator = b.authenticator;
        if (b.issuers.isEmpty()) {
            this.issuers = null;
        }
        else {
            for (String name : b.issuers) {
                if (!b.authenticator.issuerNames().contains(name)) {
                    throw new IllegalArgumentException("issuers: " + name + " (expected: one of "
                            + b.authenticator.issuerNames() + ", configured under portico.security.jwt.issuers)");
                }
            }
            this.issuers = Set.copyOf(b.issuers);
        }
        this.audiences = List.copyOf(b.audiences);
        List<String> authorities = new ArrayList<>();
        for (String scope : b.scopes) {
            if (scope == null || scope.isBlank() || scope.indexOf(' ') >= 0 || scope.indexOf('"') >= 0) {
                throw new IllegalArgumentException("scopes: '" + scope + "' (expected: a scope token without spaces "
                        + "or quotes)");
            }
            authorities.add("SCOPE_" + scope);
        }
        for (String authority : b.authorities) {
            if (authority == null || authority.isBlank()) {
                throw new IllegalArgumentException("authorities: '" + authority + "' (expected: an authority name)");
            }
            authorities.add(authority);
        }
        this.scopes = List.copyOf(b.scopes);
        String[] required = authorities.toArray(String[]::new);
        // Spring Security's authority managers, in their synchronous form: the decision needs nothing but the
        // verified token's authorities, so it costs no reactive step per request
        this.authorization = required.length == 0 ? null
                : b.match == Match.ALL ? AllAuthoritiesAuthorizationManager.hasAllAuthorities(required)
                : AuthorityAuthorizationManager.hasAnyAuthority(required);
        this.claims = b.claimsToHeaders.keySet().toArray(String[]::new);
        this.headers = new String[this.claims.length];
        for (int i = 0; i < this.claims.length; i++) {
            String header = b.claimsToHeaders.get(this.claims[i]);
            if (header == null || !isToken(header) || RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("claims-to-headers." + this.claims[i] + ": '" + header
                        + "' (expected: a header name other than Authorization, Host and framing headers)");
            }
            this.headers[i] = header;
        }
        if (b.consumerClaim.isBlank()) {
            throw new IllegalArgumentException("consumer-claim: '' (expected: a claim name, e.g. sub)");
        }
        this.consumerClaim = b.consumerClaim;
        this.groupsClaim = b.groupsClaim == null || b.groupsClaim.isBlank() ? null : b.groupsClaim;
        this.keepAuthorization = b.keepAuthorization;
        this.forbidden = BearerErrors.insufficientScope(this.scopes);
        this.noConsumer = BearerErrors.invalidToken("token has no " + this.consumerClaim + " claim");
    }

    /** A builder of {@code jwt} filters verifying with {@code authenticator}. */
    public static Builder builder(JwtAuthenticator authenticator) {
        return new Builder(Objects.requireNonNull(authenticator, "authenticator"));
    }

    @Override
    public Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
        String authorization = exchange.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        // a hot token first: the cache holds only tokens that passed bearer() and their decoder, so an exact hit
        // needs neither the syntax scan nor a signature check, and no reactive step
        if (authorization != null && authorization.length() > 7
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            VerifiedToken cached = this.authenticator.cached(authorization.substring(7));
            if (cached != null) {
                return authorize(exchange, cached, chain);
            }
        }
        String token = bearer(authorization);
        return this.authenticator.authenticate(token).flatMap(verified -> authorize(exchange, verified, chain));
    }

    private Mono<Void> authorize(GatewayExchange exchange, VerifiedToken verified, GatewayFilterChain chain) {
        if (this.issuers != null && !this.issuers.contains(verified.issuer())) {
            return Mono.error(BearerErrors.ISSUER_NOT_ACCEPTED);
        }
        if (!this.audiences.isEmpty() && !containsAny(verified.jwt().getAudience(), this.audiences)) {
            return Mono.error(BearerErrors.INVALID_AUDIENCE);
        }
        if (this.authorization != null) {
            Authentication authentication = verified.authentication();
            AuthorizationResult result = this.authorization.authorize(() -> authentication, exchange);
            if (result == null || !result.isGranted()) {
                return Mono.error(this.forbidden);
            }
        }
        return proceed(exchange, verified, chain);
    }

    private Mono<Void> proceed(GatewayExchange exchange, VerifiedToken verified, GatewayFilterChain chain) {
        Jwt jwt = verified.jwt();
        Consumer consumer = verified.consumer(this.consumerClaim, this.groupsClaim, Consumer.class,
                () -> consumerOf(verified));
        if (consumer == NO_CONSUMER) {
            return Mono.error(this.noConsumer);
        }
        exchange.attr(GatewayAttributes.CONSUMER, consumer);
        HttpHeaders requestHeaders = exchange.requestHeaders();
        if (!this.keepAuthorization) {
            requestHeaders.remove(HttpHeaderNames.AUTHORIZATION);
        }
        for (int i = 0; i < this.claims.length; i++) {
            requestHeaders.remove(this.headers[i]);
            String value = headerValue(jwt.getClaims().get(this.claims[i]));
            if (value != null) {
                requestHeaders.set(this.headers[i], value);
            }
        }
        return chain.filter(exchange).contextWrite(verified.securityContext());
    }

    /** The consumer the token names, or {@link #NO_CONSUMER}. */
    private Consumer consumerOf(VerifiedToken verified) {
        String id = stringClaim(verified.jwt().getClaims().get(this.consumerClaim));
        if (id == null || id.isBlank()) {
            return NO_CONSUMER;
        }
        return new Consumer(id, groups(verified.jwt()), Map.of("issuer", verified.issuer()));
    }

    /** The token of an {@code Authorization: Bearer} header (scheme case-insensitive, RFC 6750 section 2.1). */
    static String bearer(@Nullable String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw BearerErrors.MISSING;
        }
        int start = 7;
        int end = authorization.length();
        while (start < end && authorization.charAt(start) == ' ') {
            start++;
        }
        while (end > start && authorization.charAt(end - 1) == ' ') {
            end--;
        }
        if (start == end) {
            throw BearerErrors.MALFORMED;
        }
        for (int i = start; i < end; i++) {
            char c = authorization.charAt(i);
            // b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '+' || c == '/' || c == '=')) {
                throw BearerErrors.MALFORMED;
            }
        }
        return start == 7 && end == authorization.length() ? authorization.substring(7)
                : authorization.substring(start, end);
    }

    private Set<String> groups(Jwt jwt) {
        if (this.groupsClaim == null) {
            return Set.of();
        }
        Object value = jwt.getClaims().get(this.groupsClaim);
        if (value instanceof String s) {
            Set<String> groups = new LinkedHashSet<>();
            for (String part : s.split(" ")) {
                if (!part.isEmpty()) {
                    groups.add(part);
                }
            }
            return groups;
        }
        if (value instanceof Collection<?> c) {
            Set<String> groups = new LinkedHashSet<>();
            for (Object o : c) {
                if (o instanceof String s && !s.isEmpty()) {
                    groups.add(s);
                }
            }
            return groups;
        }
        return Set.of();
    }

    private static @Nullable String stringClaim(@Nullable Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    /** A claim as a header value: strings and numbers as they are, arrays comma-joined; nothing with control chars. */
    private static @Nullable String headerValue(@Nullable Object value) {
        String text;
        if (value instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder();
            for (Object o : c) {
                String s = stringClaim(o);
                if (s == null) {
                    return null;
                }
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(s);
            }
            text = sb.toString();
        }
        else if (value instanceof java.time.Instant instant) {
            text = Long.toString(instant.getEpochSecond());
        }
        else if (value instanceof java.net.URL url) {
            text = url.toString();
        }
        else {
            text = stringClaim(value);
        }
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch == 0x7f || ch > 0xff) {
                return null;
            }
        }
        return text;
    }

    private static boolean containsAny(@Nullable List<String> values, List<String> wanted) {
        if (values == null) {
            return false;
        }
        for (String w : wanted) {
            if (values.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "JwtFilter[issuers=" + (this.issuers == null ? this.authenticator.issuerNames() : this.issuers)
                + ", scopes=" + this.scopes + ", audiences=" + this.audiences + "]";
    }

    /** Configures a {@link JwtFilter}. */
    public static final class Builder {

        private final JwtAuthenticator authenticator;
        private List<String> issuers = List.of();
        private List<String> audiences = List.of();
        private List<String> scopes = List.of();
        private List<String> authorities = List.of();
        private Match match = Match.ANY;
        private Map<String, String> claimsToHeaders = Map.of();
        private String consumerClaim = "sub";
        private @Nullable String groupsClaim = "scope";
        private boolean keepAuthorization;

        private Builder(JwtAuthenticator authenticator) {
            this.authenticator = authenticator;
        }

        /** The issuers (by name) whose tokens this route accepts; none: every configured issuer. */
        public Builder issuers(String... names) {
            this.issuers = List.of(names);
            return this;
        }

        /** {@code aud} values of which the token must carry one; none: the issuers' own checks only. */
        public Builder audiences(String... audiences) {
            this.audiences = List.of(audiences);
            return this;
        }

        /** Scopes required (authorities {@code SCOPE_<scope>}); see {@link #match}. */
        public Builder scopes(String... scopes) {
            this.scopes = List.of(scopes);
            return this;
        }

        /** Authorities required as they are (e.g. {@code ROLE_admin} from a custom converter). */
        public Builder authorities(String... authorities) {
            this.authorities = List.of(authorities);
            return this;
        }

        /** Whether the token needs any one of the required scopes and authorities (default) or all of them. */
        public Builder match(Match match) {
            this.match = Objects.requireNonNull(match, "match");
            return this;
        }

        /** Copies claim {@code claim} into upstream header {@code header}, replacing the client's. */
        public Builder claimToHeader(String claim, String header) {
            Map<String, String> all = new LinkedHashMap<>(this.claimsToHeaders);
            all.put(claim, header);
            this.claimsToHeaders = all;
            return this;
        }

        public Builder claimsToHeaders(Map<String, String> claimsToHeaders) {
            this.claimsToHeaders = new LinkedHashMap<>(claimsToHeaders);
            return this;
        }

        /** The claim that names the consumer; {@code sub} by default. */
        public Builder consumerClaim(String claim) {
            this.consumerClaim = Objects.requireNonNull(claim, "claim");
            return this;
        }

        /** The claim holding the consumer's groups; {@code scope} by default, {@code null} for none. */
        public Builder groupsClaim(@Nullable String claim) {
            this.groupsClaim = claim;
            return this;
        }

        /** Whether the {@code Authorization} header still goes upstream (default: removed). */
        public Builder keepAuthorization(boolean keep) {
            this.keepAuthorization = keep;
            return this;
        }

        public JwtFilter build() {
            return new JwtFilter(this);
        }
    }

    /**
     * Makes {@code jwt} filters: {@code - jwt}, {@code - jwt: orders:read} (scopes) or the full form. Created by the
     * auto-configuration with the application's decoder and the named issuers; with no decoder at all, every route
     * naming {@code jwt} fails to start with what to configure.
     */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        private final @Nullable JwtAuthenticator authenticator;
        private final String missing;

        /** A factory verifying with {@code authenticator}. */
        public Factory(JwtAuthenticator authenticator) {
            super(NAME, Config.class, "scopes");
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            this.missing = "";
        }

        private Factory(String missing) {
            super(NAME, Config.class, "scopes");
            this.authenticator = null;
            this.missing = missing;
        }

        /** A factory without any decoder: {@code create} fails with {@code message} (which property to set). */
        public static Factory unavailable(String message) {
            return new Factory(Objects.requireNonNull(message, "message"));
        }

        public @Nullable JwtAuthenticator authenticator() {
            return this.authenticator;
        }

        @Override
        public GatewayFilter create(Config config) {
            if (this.authenticator == null) {
                throw new IllegalArgumentException(this.missing);
            }
            return builder(this.authenticator)
                    .issuers(config.getIssuers().toArray(String[]::new))
                    .audiences(config.getAudiences().toArray(String[]::new))
                    .scopes(config.getScopes().toArray(String[]::new))
                    .authorities(config.getAuthorities().toArray(String[]::new))
                    .match(config.getMatch())
                    .claimsToHeaders(config.getClaimsToHeaders())
                    .consumerClaim(config.getConsumerClaim())
                    .groupsClaim(config.getGroupsClaim())
                    .keepAuthorization(config.isKeepAuthorization())
                    .build();
        }

        /** Configuration of {@code jwt}. */
        public static class Config {

            /** Names of the issuers whose tokens the route accepts; empty accepts every configured issuer. */
            private List<String> issuers = new ArrayList<>();

            /** Audiences of which the token's aud must contain one; empty leaves audience to the issuers. */
            private List<String> audiences = new ArrayList<>();

            /** Scopes the token must carry (any or all, see match), e.g. orders:read. */
            private List<String> scopes = new ArrayList<>();

            /** Authorities the token must carry as they are, e.g. ROLE_admin from a custom converter. */
            private List<String> authorities = new ArrayList<>();

            /** Whether any one of the scopes and authorities suffices (any) or all are required (all). */
            private Match match = Match.ANY;

            /** Claims copied into upstream headers, e.g. sub: X-User-Id; the client's copies are removed first. */
            private Map<String, String> claimsToHeaders = new LinkedHashMap<>();

            /** The claim that identifies the consumer. */
            private String consumerClaim = "sub";

            /** The claim holding the consumer's groups (space-separated or an array); empty for none. */
            private @Nullable String groupsClaim = "scope";

            /** Whether the Authorization header is still sent upstream. */
            private boolean keepAuthorization;

            public List<String> getIssuers() {
                return this.issuers;
            }

            public void setIssuers(List<String> issuers) {
                this.issuers = issuers;
            }

            public List<String> getAudiences() {
                return this.audiences;
            }

            public void setAudiences(List<String> audiences) {
                this.audiences = audiences;
            }

            public List<String> getScopes() {
                return this.scopes;
            }

            public void setScopes(List<String> scopes) {
                this.scopes = scopes;
            }

            public List<String> getAuthorities() {
                return this.authorities;
            }

            public void setAuthorities(List<String> authorities) {
                this.authorities = authorities;
            }

            public Match getMatch() {
                return this.match;
            }

            public void setMatch(Match match) {
                this.match = match;
            }

            public Map<String, String> getClaimsToHeaders() {
                return this.claimsToHeaders;
            }

            public void setClaimsToHeaders(Map<String, String> claimsToHeaders) {
                this.claimsToHeaders = claimsToHeaders;
            }

            public String getConsumerClaim() {
                return this.consumerClaim;
            }

            public void setConsumerClaim(String consumerClaim) {
                this.consumerClaim = consumerClaim;
            }

            public @Nullable String getGroupsClaim() {
                return this.groupsClaim;
            }

            public void setGroupsClaim(@Nullable String groupsClaim) {
                this.groupsClaim = groupsClaim;
            }

            public boolean isKeepAuthorization() {
                return this.keepAuthorization;
            }

            public void setKeepAuthorization(boolean keepAuthorization) {
                this.keepAuthorization = keepAuthorization;
            }
        }
    }
}
