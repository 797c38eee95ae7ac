package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.server.CompiledRoute;
import dev.portico.gateway.server.Gateway;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class PorticoAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class));

    private final ReactiveWebApplicationContextRunner webRunner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class, PorticoWebFluxAutoConfiguration.class));

    @Test
    void createsAnEmptyGatewayByDefault() {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(Gateway.class);
            assertThat(context.getBean(Gateway.class).routeTable().size()).isZero();
        });
    }

    @Test
    void backsOffWhenDisabled() {
        this.runner.withPropertyValues("portico.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Gateway.class));
    }

    @Test
    void backsOffForAUserGateway() {
        this.runner.withUserConfiguration(UserGateway.class).run(context -> {
            assertThat(context).hasSingleBean(Gateway.class);
            assertThat(context.getBean(Gateway.class)).isSameAs(context.getBean(UserGateway.class).gateway);
        });
    }

    @Test
    void bindsRoutesUpstreamsAndFilterArgumentsFromProperties() {
        this.runner.withBean(TagFilterFactory.class).withPropertyValues(
                "portico.upstreams.users.nodes[0].uri=http://127.0.0.1:9001",
                "portico.upstreams.users.nodes[1].uri=http://127.0.0.1:9002",
                "portico.upstreams.users.nodes[1].weight=3",
                "portico.upstreams.users.timeouts.connect=750ms",
                "portico.routes[0].id=users",
                "portico.routes[0].upstream=users",
                "portico.routes[0].match.path=/api/users/**",
                "portico.routes[0].match.methods=GET,POST",
                "portico.routes[0].match.headers[0].name=X-Tenant",
                "portico.routes[0].match.headers[0].regex=acme|globex",
                "portico.routes[0].timeouts.response=2s",
                "portico.routes[0].filters[0]=tag",
                "portico.routes[0].filters[1].tag=shortcut",
                "portico.routes[0].filters[2].tag.value=full",
                "portico.routes[0].filters[2].tag.ttl=1m",
                "portico.routes[1].id=orders",
                "portico.routes[1].uri=http://127.0.0.1:9003",
                "portico.routes[1].match.path=/api/orders/{id}")
                .run(context -> {
                    Gateway gateway = context.getBean(Gateway.class);
                    List<Route> routes = gateway.routeTable().entries().stream().map(e -> e.route()).toList();
                    assertThat(routes).extracting(Route::id).containsExactly("users", "orders");
                    Route users = routes.get(0);
                    assertThat(users.upstream()).isEqualTo("users");
                    assertThat(users.match().methods()).containsExactlyInAnyOrder("GET", "POST");
                    assertThat(users.timeouts().response()).isEqualTo(Duration.ofSeconds(2));
                    CompiledRoute compiled = gateway.routeTable().entries().get(0).value();
                    assertThat(compiled.proxy().responseTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(compiled.proxy().upstream().upstream().nodes()).hasSize(2);
                    assertThat(compiled.proxy().upstream().upstream().timeouts().connect()).isEqualTo(Duration.ofMillis(750));
                    assertThat(tagsSetBy(users.filters())).containsExactly("default", "shortcut", "full;ttl=60");
                });
    }

    private static List<String> tagsSetBy(List<GatewayFilter> filters) {
        return filters.stream().map(filter -> {
            GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/");
            ((InlineFilter) filter).apply(exchange);
            return exchange.requestHeaders().get("X-Tag");
        }).toList();
    }

    @Test
    void addsRouteBeansAndAppliesCustomizers() {
        this.runner.withUserConfiguration(JavaRoutes.class).run(context -> {
            Gateway gateway = context.getBean(Gateway.class);
            assertThat(gateway.routeTable().entries()).extracting(e -> e.route().id()).containsExactly("java", "customized");
        });
    }

    @Test
    void misspelledFilterStopsStartupNamingRouteAndFilter() {
        this.runner.withBean(TagFilterFactory.class).withPropertyValues(
                "portico.routes[0].id=users", "portico.routes[0].match.path=/**",
                "portico.routes[0].uri=http://127.0.0.1:9001",
                "portico.routes[0].filters[0].tga=x")
                .run(context -> {
                    assertThat(context).hasFailed();
                    RouteDefinitionException ex = StartupFailures.definitionError(context.getStartupFailure());
                    assertThat(ex.routeId()).isEqualTo("users");
                    assertThat(ex.property()).isEqualTo("portico.routes[0].filters[0]");
                    assertThat(ex.problem()).isEqualTo("unknown filter 'tga'");
                    assertThat(ex.fix()).startsWith("did you mean 'tag'?");
                    FailureAnalysis analysis = new RouteDefinitionFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("route 'users'", "portico.routes[0].filters[0]",
                            "unknown filter 'tga'");
                    assertThat(analysis.getAction()).contains("did you mean 'tag'?");
                });
    }

    @Test
    void unknownFilterArgumentIsAnError() {
        this.runner.withBean(TagFilterFactory.class).withPropertyValues(
                "portico.routes[0].id=users", "portico.routes[0].match.path=/**",
                "portico.routes[0].uri=http://127.0.0.1:9001",
                "portico.routes[0].filters[0].tag.valeu=x")
                .run(context -> {
                    RouteDefinitionException ex = StartupFailures.definitionError(context.getStartupFailure());
                    assertThat(ex.property()).isEqualTo("portico.routes[0].filters[0].tag");
                    assertThat(ex.problem()).contains("valeu");
                });
    }

    @Test
    void filterFactoryValidationNamesTheProperty() {
        this.runner.withBean(TagFilterFactory.class).withPropertyValues(
                "portico.routes[0].id=users", "portico.routes[0].match.path=/**",
                "portico.routes[0].uri=http://127.0.0.1:9001",
                "portico.routes[0].filters[0].tag.value= ")
                .run(context -> {
                    RouteDefinitionException ex = StartupFailures.definitionError(context.getStartupFailure());
                    assertThat(ex.property()).isEqualTo("portico.routes[0].filters[0].tag");
                    assertThat(ex.problem()).isEqualTo("value: blank (expected a non-empty tag)");
                });
    }

    @Test
    void invalidValuesFailWithTheirProperty() {
        assertFailure("portico.routes[0].match.path", "portico.routes[0].id=a", "portico.routes[0].uri=http://h:1",
                "portico.routes[0].match.path=api/**");
        assertFailure("portico.routes[0].match.path-regex", "portico.routes[0].id=a", "portico.routes[0].uri=http://h:1",
                "portico.routes[0].match.path-regex=/(unclosed");
        assertFailure("portico.routes[0].uri", "portico.routes[0].id=a", "portico.routes[0].match.path=/**", "portico.routes[0].uri=ftp://h:1");
        assertFailure("portico.routes[0].uri", "portico.routes[0].id=a", "portico.routes[0].match.path=/**", "portico.routes[0].uri=http://h:1/base");
        assertFailure("portico.routes[1].id", "portico.routes[0].id=a", "portico.routes[0].match.path=/**", "portico.routes[0].uri=http://h:1",
                "portico.routes[1].id=a", "portico.routes[1].match.path=/**", "portico.routes[1].uri=http://h:2");
        assertFailure("portico.routes[0].upstream", "portico.routes[0].id=a", "portico.routes[0].match.path=/**", "portico.routes[0].upstream=nope");
        assertFailure("portico.routes[0].match.remote-addresses[0]", "portico.routes[0].id=a",
                "portico.routes[0].uri=http://h:1", "portico.routes[0].match.remote-addresses=10.0.0.0/33");
        assertFailure("portico.upstreams.u.nodes[0].weight", "portico.upstreams.u.nodes[0].uri=http://h:1",
                "portico.upstreams.u.nodes[0].weight=0");
    }

    @Test
    void routeWithoutAnyConditionFailsInsteadOfTakingEveryRequest() {
        assertFailure("portico.routes[0].match", "portico.routes[0].id=a", "portico.routes[0].uri=http://h:1");
        assertFailure("portico.routes[0].match", "portico.routes[0].id=a", "portico.routes[0].uri=http://h:1",
                "portico.routes[0].filters[0]=strip-prefix");
    }

    private void assertFailure(String property, String... properties) {
        this.runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.definitionError(context.getStartupFailure()).property()).isEqualTo(property);
        });
    }

    @Test
    void servesThroughANettyRouteProviderInReactiveApps() {
        this.webRunner.run(context -> assertThat(context).hasSingleBean(NettyRouteProvider.class));
    }

    @Test
    void noRouteProviderWithoutBootReactorNetty() {
        this.webRunner.withClassLoader(new FilteredClassLoader(NettyRouteProvider.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(Gateway.class);
                    assertThat(context).doesNotHaveBean(NettyRouteProvider.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserGateway {

        final Gateway gateway = Gateway.builder().build();

        @Bean
        Gateway gateway() {
            return this.gateway;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JavaRoutes {

        @Bean
        Route javaRoute() {
            return Route.builder("java").match(m -> m.path("/java/**")).uri("http://127.0.0.1:9001").build();
        }

        @Bean
        GatewayCustomizer customizer() {
            return gateway -> gateway.route(Route.builder("customized").match(m -> m.path("/**")).uri("http://127.0.0.1:9002").build());
        }
    }
}
