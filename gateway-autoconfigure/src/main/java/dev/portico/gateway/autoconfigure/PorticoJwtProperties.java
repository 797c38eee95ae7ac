package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the {@code jwt} filter, under {@code portico.security.jwt}: token issuers beyond the application's own
 * decoder ({@code spring.security.oauth2.resourceserver.jwt.*}), the validated-token cache and key refetching.
 */
public class PorticoJwtProperties {

    /** The prefix these properties bind at. */
    public static final String PREFIX = "portico.security.jwt";

    /** Named token issuers; routes choose among them with jwt: { issuers: [name] }. */
    private Map<String, Issuer> issuers = new LinkedHashMap<>();

    /** The cache of validated tokens. */
    private final Cache cache = new Cache();

    /** Least time between two fetches of one issuer's JWKS: a token with an unknown kid refetches at most this often. */
    private Duration jwksRefreshMinInterval = Duration.ofSeconds(30);

    /** Longest bearer token accepted, in characters; longer ones are rejected before they are parsed. */
    private int maxTokenLength = 8192;

    public Map<String, Issuer> getIssuers() {
        return this.issuers;
    }

    public void setIssuers(Map<String, Issuer> issuers) {
        this.issuers = issuers;
    }

    public Cache getCache() {
        return this.cache;
    }

    public Duration getJwksRefreshMinInterval() {
        return this.jwksRefreshMinInterval;
    }

    public void setJwksRefreshMinInterval(Duration jwksRefreshMinInterval) {
        this.jwksRefreshMinInterval = jwksRefreshMinInterval;
    }

    public int getMaxTokenLength() {
        return this.maxTokenLength;
    }

    public void setMaxTokenLength(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    /** One token issuer. */
    public static class Issuer {

        /** The issuer's URI: the iss its tokens carry, and where its keys are discovered unless jwk-set-uri is set. */
        private @Nullable String issuerUri;

        /** Where the issuer's keys are (skips OpenID discovery). */
        private @Nullable String jwkSetUri;

        /** Audiences of which a token's aud must contain one; empty accepts any. */
        private List<String> audiences = new ArrayList<>();

        /** Tolerance for exp and nbf against the gateway's clock. */
        private Duration clockSkew = Duration.ofSeconds(60);

        /** Signature algorithms accepted with jwk-set-uri. */
        private List<String> jwsAlgorithms = new ArrayList<>(List.of("RS256"));

        public @Nullable String getIssuerUri() {
            return this.issuerUri;
        }

        public void setIssuerUri(@Nullable String issuerUri) {
            this.issuerUri = issuerUri;
        }

        public @Nullable String getJwkSetUri() {
            return this.jwkSetUri;
        }

        public void setJwkSetUri(@Nullable String jwkSetUri) {
            this.jwkSetUri = jwkSetUri;
        }

        public List<String> getAudiences() {
            return this.audiences;
        }

        public void setAudiences(List<String> audiences) {
            this.audiences = audiences;
        }

        public Duration getClockSkew() {
            return this.clockSkew;
        }

        public void setClockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
        }

        public List<String> getJwsAlgorithms() {
            return this.jwsAlgorithms;
        }

        public void setJwsAlgorithms(List<String> jwsAlgorithms) {
            this.jwsAlgorithms = jwsAlgorithms;
        }
    }

    /** The validated-token cache. */
    public static class Cache {

        /** Whether validated tokens are cached, so that a token seen again costs no signature check. */
        private boolean enabled = true;

        /** Most tokens held. */
        private long maxEntries = 10_000;

        /** Longest time a token stays cached; it never stays past its exp. */
        private Duration maxTtl = Duration.ofMinutes(5);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public long getMaxEntries() {
            return this.maxEntries;
        }

        public void setMaxEntries(long maxEntries) {
            this.maxEntries = maxEntries;
        }

        public Duration getMaxTtl() {
            return this.maxTtl;
        }

        public void setMaxTtl(Duration maxTtl) {
            this.maxTtl = maxTtl;
        }
    }
}
