package dev.portico.gateway.autoconfigure;

import java.util.List;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.AuthenticationFilter;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.server.Gateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security does not see gateway routes (they are served below WebFlux). So where it protects the
 * application, a route that neither authenticates nor says it is public stops startup instead of standing open.
 */
class FailClosedTests {

    /** Stands for an authentication filter such as key-auth: a factory named "authenticate". */
    static final class AuthenticateFactory extends AbstractFilterFactory<GatewayFilterFactory.NoConfig> {

        AuthenticateFactory() {
            super("authenticate", GatewayFilterFactory.NoConfig.class);
        }

        @Override
        public GatewayFilter create(GatewayFilterFactory.NoConfig config) {
            return (AuthenticationFilter) (exchange, chain) -> chain.filter(exchange);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class))
            .withBean(AuthenticateFactory.class, AuthenticateFactory::new)
            .withPropertyValues("portico.routes[0].id=orders", "portico.routes[0].match.path=/orders/**",
                    "portico.routes[0].uri=http://127.0.0.1:9001");

    private final ApplicationContextRunner secured = this.runner.withBean(SecurityWebFilterChain.class,
            () -> new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(),
                    List.of((exchange, chain) -> chain.filter(exchange))));

    @Test
    void withSpringSecurityAnUnprotectedRouteStopsStartup() {
        this.secured.run(context -> {
            assertThat(context).hasFailed();
            RouteDefinitionException ex = StartupFailures.definitionError(context.getStartupFailure());
            assertThat(ex.routeId()).isEqualTo("orders");
            assertThat(ex.property()).isEqualTo("portico.routes[0].filters");
            assertThat(ex.fix()).contains("public: true").contains("portico.default-filters: [jwt]");
        });
    }

    @Test
    void withSpringSecurityAProtectedOrPublicRouteStarts() {
        this.secured.withPropertyValues("portico.routes[0].filters[0]=authenticate")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Gateway.class));
        this.secured.withPropertyValues("portico.default-filters[0]=authenticate")
                .run(context -> assertThat(context).hasNotFailed());
        this.secured.withPropertyValues("portico.routes[0].public=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void authenticationCanBeRequiredWithoutSpringSecurity() {
        this.runner.withPropertyValues("portico.require-authentication=true")
                .run(context -> assertThat(context).hasFailed());
        this.runner.run(context -> assertThat(context).hasNotFailed());
    }
}
