package dev.portico.gateway.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.portico.gateway.security.jwt.JwksRefreshLimiter;
import dev.portico.gateway.security.jwt.JwtAuthenticator;
import dev.portico.gateway.security.jwt.JwtFilter;
import dev.portico.gateway.security.jwt.JwtIssuer;
import dev.portico.gateway.security.jwt.ValidatedTokenCache;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@code jwt} filter on Spring Security: the application's {@link ReactiveJwtDecoder} (Boot's, from
 * {@code spring.security.oauth2.resourceserver.jwt.*}, with its issuer and audience checks and the
 * {@code OAuth2TokenValidator<Jwt>} beans) as issuer {@code default}, plus the named issuers of
 * {@code portico.security.jwt.issuers}; the {@code ReactiveJwtAuthenticationConverter} bean when there is one.
 * JWKS fetches of every decoder go through one {@link JwksRefreshLimiter}.
 *
 * <p>Without any decoder the factory still exists, so that a route naming {@code jwt} fails at startup saying what
 * to configure rather than as an unknown filter.
 */
@AutoConfiguration(before = PorticoAutoConfiguration.class, afterName =
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass({ ReactiveJwtDecoder.class, JwtReactiveAuthenticationManager.class, WebClient.class,
        JwtFilter.class })
public final class PorticoJwtAutoConfiguration {

    static final String NO_DECODER = "filter 'jwt' has no token issuer: set spring.security.oauth2.resourceserver.jwt"
            + ".issuer-uri (or .jwk-set-uri), or portico.security.jwt.issuers.<name>.issuer-uri";

    static PorticoJwtProperties properties(Environment environment) {
        return Binder.get(environment).bind(PorticoJwtProperties.PREFIX, PorticoJwtProperties.class)
                .orElseGet(PorticoJwtProperties::new);
    }

    @Bean
    @ConditionalOnMissingBean
    static JwksRefreshLimiter porticoJwksRefreshLimiter(Environment environment,
            ObjectProvider<WebClient.Builder> builder) {
        PorticoJwtProperties properties = properties(environment);
        WebClient.Builder b = builder.getIfAvailable();
        return b != null ? JwksRefreshLimiter.of(properties.getJwksRefreshMinInterval(), b)
                : JwksRefreshLimiter.of(properties.getJwksRefreshMinInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    JwtFilter.Factory porticoJwtFilterFactory(Environment environment, ObjectProvider<ReactiveJwtDecoder> decoder,
            ObjectProvider<ReactiveJwtAuthenticationConverter> converter,
            ObjectProvider<OAuth2TokenValidator<Jwt>> validators, JwksRefreshLimiter limiter) {
        PorticoJwtProperties properties = properties(environment);
        JwtAuthenticator.Builder builder = JwtAuthenticator.builder();
        ReactiveJwtDecoder application = decoder.getIfUnique();
        boolean any = false;
        if (application != null) {
            String issuerUri = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
            builder.issuer(JwtIssuer.of(JwtIssuer.DEFAULT, issuerUri, application));
            any = true;
        }
        List<OAuth2TokenValidator<Jwt>> extra = validators.orderedStream().toList();
        for (Map.Entry<String, PorticoJwtProperties.Issuer> e : properties.getIssuers().entrySet()) {
            builder.issuer(issuer(e.getKey(), e.getValue(), extra, limiter));
            any = true;
        }
        if (!any) {
            return JwtFilter.Factory.unavailable(NO_DECODER);
        }
        ReactiveJwtAuthenticationConverter custom = converter.getIfUnique();
        if (custom != null) {
            builder.converter(custom);
        }
        PorticoJwtProperties.Cache cache = properties.getCache();
        if (cache.isEnabled()) {
            builder.cache(ValidatedTokenCache.of(cache.getMaxEntries(), cache.getMaxTtl()));
        }
        return new JwtFilter.Factory(builder.maxTokenLength(properties.getMaxTokenLength()).build());
    }

    private static JwtIssuer issuer(String name, PorticoJwtProperties.Issuer p, List<OAuth2TokenValidator<Jwt>> extra,
            JwksRefreshLimiter limiter) {
        @Nullable String issuerUri = p.getIssuerUri();
        if (issuerUri == null || issuerUri.isBlank()) {
            throw new IllegalStateException(PorticoJwtProperties.PREFIX + ".issuers." + name + ".issuer-uri: "
                    + "missing (expected: the issuer's URI, the iss claim of its tokens)");
        }
        try {
            return JwtIssuer.remote(name, issuerUri).jwkSetUri(p.getJwkSetUri()).audiences(p.getAudiences())
                    .clockSkew(p.getClockSkew()).algorithms(p.getJwsAlgorithms()).validators(extra).build(limiter);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException(PorticoJwtProperties.PREFIX + "." + ex.getMessage(), ex);
        }
    }

    /** Boot's own decoder fetches its keys through the limiter too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JwkSetUriReactiveJwtDecoderBuilderCustomizer.class)
    static class BootDecoderConfiguration {

        @Bean
        JwkSetUriReactiveJwtDecoderBuilderCustomizer porticoJwksRefreshLimit(JwksRefreshLimiter limiter) {
            return builder -> builder.webClient(limiter.webClient());
        }
    }
}
