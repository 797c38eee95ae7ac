package dev.portico.gateway.security.jwt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * A named token issuer: the {@code iss} value its tokens carry and the Spring Security {@link ReactiveJwtDecoder}
 * that verifies them. The application's own decoder (Boot's {@code spring.security.oauth2.resourceserver.jwt.*})
 * is one with {@link #of}; further issuers are built with {@link #remote}:
 *
 * <pre>{@code
 * JwtIssuer partners = JwtIssuer.remote("partners", "https://login.partner.example")
 *         .audiences(List.of("orders-api"))
 *         .clockSkew(Duration.ofSeconds(30))
 *         .build(JwksRefreshLimiter.of(Duration.ofSeconds(30)));
 * }</pre>
 *
 * @param name the name routes use ({@code jwt: { issuers: [partners] }})
 * @param issuer the {@code iss} its tokens carry, or {@code null} for a decoder that takes any {@code iss} it
 * validates itself (the application's decoder without {@code issuer-uri})
 * @param decoder verifies signature and claims
 */
public record JwtIssuer(String name, @Nullable String issuer, ReactiveJwtDecoder decoder) {

    /** The name of the application's own decoder. */
    public static final String DEFAULT = "default";

    public JwtIssuer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(decoder, "decoder");
        if (name.isBlank()) {
            throw new IllegalArgumentException("issuer name is blank");
        }
    }

    /** An issuer with a decoder built elsewhere (e.g. Boot's auto-configured {@code ReactiveJwtDecoder}). */
    public static JwtIssuer of(String name, @Nullable String issuer, ReactiveJwtDecoder decoder) {
        return new JwtIssuer(name, issuer, decoder);
    }

    /** An issuer whose keys are fetched over HTTP: from {@code jwkSetUri} when set, else by OpenID discovery. */
    public static Remote remote(String name, String issuerUri) {
        return new Remote(name, issuerUri);
    }

    @Override
    public String toString() {
        return "JwtIssuer[" + this.name + (this.issuer != null ? ", iss=" + this.issuer : "") + "]";
    }

    /** Builds a decoder the way Boot does for {@code spring.security.oauth2.resourceserver.jwt.*}. */
    public static final class Remote {

        private final String name;
        private final String issuerUri;
        private @Nullable String jwkSetUri;
        private List<String> audiences = List.of();
        private Duration clockSkew = Duration.ofSeconds(60);
        private List<String> algorithms = List.of("RS256");
        private List<OAuth2TokenValidator<Jwt>> validators = List.of();

        private Remote(String name, String issuerUri) {
            this.name = Objects.requireNonNull(name, "name");
            this.issuerUri = Objects.requireNonNull(issuerUri, "issuerUri");
        }

        /** Where the keys are; without it, they are found through {@code issuerUri}'s discovery document. */
        public Remote jwkSetUri(@Nullable String jwkSetUri) {
            this.jwkSetUri = jwkSetUri;
            return this;
        }

        /** The {@code aud} values accepted (any one); empty accepts any audience. */
        public Remote audiences(List<String> audiences) {
            this.audiences = List.copyOf(audiences);
            return this;
        }

        /** Tolerance for {@code exp} and {@code nbf}; 60 s by default. */
        public Remote clockSkew(Duration clockSkew) {
            this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
            return this;
        }

        /** The signature algorithms accepted with a {@code jwkSetUri}; RS256 by default. */
        public Remote algorithms(List<String> algorithms) {
            this.algorithms = List.copyOf(algorithms);
            return this;
        }

        /** Further checks, e.g. the application's {@code OAuth2TokenValidator<Jwt>} beans. */
        public Remote validators(List<OAuth2TokenValidator<Jwt>> validators) {
            this.validators = List.copyOf(validators);
            return this;
        }

        public JwtIssuer build(JwksRefreshLimiter limiter) {
            String prefix = "issuers." + this.name + ".";
            if (this.clockSkew.isNegative()) {
                throw new IllegalArgumentException(prefix + "clock-skew: " + this.clockSkew + " (expected: >= 0s)");
            }
            if (this.issuerUri.isBlank()) {
                throw new IllegalArgumentException(prefix + "issuer-uri: '' (expected: the issuer's URI, the value "
                        + "of its tokens' iss claim)");
            }
            NimbusReactiveJwtDecoder decoder;
            if (this.jwkSetUri != null && !this.jwkSetUri.isBlank()) {
                List<SignatureAlgorithm> algs = new ArrayList<>();
                for (String alg : this.algorithms) {
                    SignatureAlgorithm a = SignatureAlgorithm.from(alg);
                    if (a == null) {
                        throw new IllegalArgumentException(prefix + "jws-algorithms: " + alg
                                + " (expected: an asymmetric JWS algorithm such as RS256, ES256, PS256)");
                    }
                    algs.add(a);
                }
                decoder = NimbusReactiveJwtDecoder.withJwkSetUri(this.jwkSetUri)
                        .jwsAlgorithms(set -> set.addAll(algs))
                        .webClient(limiter.webClient())
                        .build();
            }
            else {
                decoder = NimbusReactiveJwtDecoder.withIssuerLocation(this.issuerUri)
                        .webClient(limiter.webClient())
                        .build();
            }
            List<OAuth2TokenValidator<Jwt>> all = new ArrayList<>();
            JwtTimestampValidator timestamps = new JwtTimestampValidator(this.clockSkew);
            timestamps.setAllowEmptyExpiryClaim(false);
            all.add(timestamps);
            all.add(new JwtIssuerValidator(this.issuerUri));
            if (!this.audiences.isEmpty()) {
                List<String> accepted = this.audiences;
                all.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && !Collections.disjoint(aud, accepted)));
            }
            all.addAll(this.validators);
            decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(all));
            return new JwtIssuer(this.name, this.issuerUri, decoder);
        }
    }
}
