package dev.portico.gateway.autoconfigure;

import java.time.Duration;

import dev.portico.gateway.security.jwt.JwksRefreshLimiter;
import dev.portico.gateway.security.jwt.JwtFilter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class PorticoJwtAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoJwtAutoConfiguration.class));

    @Test
    void theApplicationsDecoderIsIssuerDefault() {
        this.runner.withBean(ReactiveJwtDecoder.class, () -> token -> Mono.empty())
                .withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=https://login.example")
                .run(context -> {
                    JwtFilter.Factory factory = context.getBean(JwtFilter.Factory.class);
                    assertThat(factory.authenticator().issuerNames()).containsExactly("default");
                    assertThat(factory.authenticator().issuers().get("default").issuer())
                            .isEqualTo("https://login.example");
                    assertThat(factory.authenticator().cache()).isNotNull();
                });
    }

    @Test
    void bindsNamedIssuersCacheAndRefreshIntervalFromPorticoSecurityJwt() {
        this.runner.withBean(ReactiveJwtDecoder.class, () -> token -> Mono.empty())
                .withPropertyValues(
                        "portico.security.jwt.issuers.partners.issuer-uri=https://login.partner.example",
                        "portico.security.jwt.issuers.partners.jwk-set-uri=https://login.partner.example/jwks",
                        "portico.security.jwt.issuers.partners.audiences=orders-api",
                        "portico.security.jwt.issuers.partners.clock-skew=10s",
                        "portico.security.jwt.issuers.staff.issuer-uri=https://staff.example",
                        "portico.security.jwt.cache.enabled=false",
                        "portico.security.jwt.jwks-refresh-min-interval=5s")
                .run(context -> {
                    JwtFilter.Factory factory = context.getBean(JwtFilter.Factory.class);
                    assertThat(factory.authenticator().issuerNames())
                            .containsExactlyInAnyOrder("default", "partners", "staff");
                    assertThat(factory.authenticator().issuers().get("partners").issuer())
                            .isEqualTo("https://login.partner.example");
                    assertThat(factory.authenticator().cache()).isNull();
                    assertThat(context).hasSingleBean(JwksRefreshLimiter.class);
                });
    }

    @Test
    void namedIssuersWorkWithoutTheApplicationsDecoder() {
        this.runner.withPropertyValues("portico.security.jwt.issuers.staff.issuer-uri=https://staff.example")
                .run(context -> assertThat(context.getBean(JwtFilter.Factory.class).authenticator().issuerNames())
                        .containsExactly("staff"));
    }

    @Test
    void anIssuerWithoutIssuerUriStopsStartupNamingTheProperty() {
        this.runner.withPropertyValues("portico.security.jwt.issuers.staff.jwk-set-uri=https://staff.example/jwks")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("portico.security.jwt.issuers.staff.issuer-uri: missing (expected: the issuer's "
                                + "URI, the iss claim of its tokens)"));
    }

    @Test
    void withoutAnyDecoderARouteNamingJwtFailsToStartSayingWhatToSet() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class,
                        PorticoJwtAutoConfiguration.class))
                .withPropertyValues("portico.routes[0].id=orders", "portico.routes[0].uri=http://127.0.0.1:9001",
                        "portico.routes[0].match.path=/orders/**", "portico.routes[0].filters[0]=jwt")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
                            PorticoJwtAutoConfiguration.NO_DECODER);
                });
    }

    @Test
    void bootsDecoderFetchesKeysThroughTheLimiter() {
        this.runner.run(context -> assertThat(context)
                .hasSingleBean(JwkSetUriReactiveJwtDecoderBuilderCustomizer.class));
    }

    @Test
    void backsOffWithoutSpringSecurityJwt() {
        this.runner.withClassLoader(new FilteredClassLoader(ReactiveJwtDecoder.class))
                .run(context -> assertThat(context).doesNotHaveBean(JwtFilter.Factory.class));
    }

    @Test
    void aUserLimiterWins() {
        JwksRefreshLimiter mine = JwksRefreshLimiter.of(Duration.ofSeconds(1));
        this.runner.withBean(JwksRefreshLimiter.class, () -> mine)
                .run(context -> assertThat(context.getBean(JwksRefreshLimiter.class)).isSameAs(mine));
    }
}
