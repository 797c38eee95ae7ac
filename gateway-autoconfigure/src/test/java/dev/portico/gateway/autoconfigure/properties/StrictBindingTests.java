package dev.portico.gateway.autoconfigure.properties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.autoconfigure.PorticoAutoConfiguration;
import dev.portico.gateway.server.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Misspelled {@code portico.*} keys stop startup with the property, what is allowed there and the closest key; valid
 * keys bind in every relaxed form.
 */
class StrictBindingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class));

    private static final String ROUTE = "portico.routes[0].id=users,portico.routes[0].uri=http://127.0.0.1:9001";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "portico.rutes[0].id=users                          | 'rutes' at portico          | 'routes' (portico.routes[0].id)",
            "portico.global-filter[0]=preserve-host             | 'global-filter' at portico  | 'global-filters'",
            "portico.routes[0].mtach.path=/api/**               | 'mtach' at portico.routes[0] | 'match' (portico.routes[0].match.path)",
            "portico.routes[0].match.pth=/api/**                | 'pth' at portico.routes[0].match | 'path' (portico.routes[0].match.path)",
            "portico.routes[0].timeouts.conect=1s               | 'conect' at portico.routes[0].timeouts | 'connect'",
            "portico.routes[0].retry.attemps=3                  | 'attemps' at portico.routes[0].retry | 'attempts'",
            "portico.upstreams.users.nodez[0].uri=http://a:1    | 'nodez' at portico.upstreams.users | 'nodes'",
            "portico.upstreams.users.load-balancer.polcy=ewma   | 'polcy' at portico.upstreams.users.load-balancer | 'policy'",
            "portico.forwarded.trusted-proxy=10.0.0.0/8         | 'trusted-proxy' at portico.forwarded | 'trusted-proxies'",
            "portico.routes[0].match.headers[0].nmae=X-Tenant   | 'nmae' at portico.routes[0].match.headers[0] | 'name'",
    })
    void misspelledKeyStopsStartupWithPathAndSuggestion(String property, String problem, String suggestion) {
        this.runner.withPropertyValues(ROUTE.split(",")).withPropertyValues(property).run(context -> {
            String report = report(context);
            assertThat(report).contains("Property: " + property.substring(0, property.indexOf('=')),
                    "unknown key " + problem, "did you mean " + suggestion);
        });
    }

    @Test
    void topLevelTypoInYaml() {
        this.runner.withInitializer(yaml("""
                portico:
                  rutes:
                    - id: users
                      uri: http://127.0.0.1:9001
                """)).run(context -> assertThat(report(context)).contains("Property: portico.rutes[0].id",
                "unknown key 'rutes' at portico (allowed: consumers, default-filters, enabled, forwarded, global-filters,"
                        + " not-found-as-problem, pool, require-authentication, routes, security, upstreams)",
                "did you mean 'routes' (portico.routes[0].id)?", "Origin:   Byte array resource"));
    }

    @Test
    void typoInsideAListElementInYaml() {
        this.runner.withInitializer(yaml("""
                portico:
                  routes:
                    - id: users
                      uri: http://127.0.0.1:9001
                      match:
                        path: /api/users/**
                    - id: orders
                      uri: http://127.0.0.1:9002
                      mtach:
                        pth: /api/orders/**
                """)).run(context -> assertThat(report(context)).contains("Property: portico.routes[1].mtach.pth",
                "unknown key 'mtach' at portico.routes[1]", "did you mean 'match' (portico.routes[1].match.pth)?"));
    }

    @Test
    void typoInsideAMapValueInYaml() {
        this.runner.withInitializer(yaml("""
                portico:
                  upstreams:
                    users:
                      nodez:
                        - uri: http://127.0.0.1:9001
                """)).run(context -> assertThat(report(context)).contains("Property: portico.upstreams.users.nodez[0].uri",
                "unknown key 'nodez' at portico.upstreams.users (allowed: circuit-breaker, health-check, hedge-delay,",
                "did you mean 'nodes'"));
    }

    @Test
    void typoInANestedObjectInYaml() {
        this.runner.withInitializer(yaml("""
                portico:
                  routes:
                    - id: users
                      uri: http://127.0.0.1:9001
                      match:
                        pth: /api/users/**
                """)).run(context -> assertThat(report(context)).contains("Property: portico.routes[0].match.pth",
                "Value:    \"/api/users/**\"", "unknown key 'pth' at portico.routes[0].match (allowed: cookies,"
                        + " headers, hosts, methods, path, path-regex, query-params, remote-addresses)",
                "did you mean 'path' (portico.routes[0].match.path)?"));
    }

    @Test
    void keysBelowAPlainValueOrWithoutAListIndexAreErrors() {
        this.runner.withPropertyValues("portico.routes.id=users").run(context -> assertThat(report(context))
                .contains("portico.routes is a list, so 'id' must be an index"));
    }

    @Test
    void aGapInListIndexesIsAnErrorNotADroppedRoute() {
        this.runner.withPropertyValues(ROUTE.split(",")).withPropertyValues("portico.routes[2].id=orders",
                "portico.routes[2].uri=http://127.0.0.1:9002").run(context -> assertThat(report(context))
                .contains("Property: portico.routes[2].id", "this list element was not bound",
                        "number the elements from [0] without gaps"));
    }

    @Test
    void aListStartingAfterZeroIsAnErrorNotAnEmptyRouteTable() {
        this.runner.withPropertyValues("portico.routes[1].id=users", "portico.routes[1].uri=http://127.0.0.1:9001")
                .run(context -> assertThat(report(context)).contains("Property: portico.routes[1].id",
                        "Property: portico.routes[1].uri", "this list element was not bound"));
    }

    @Test
    void relaxedFormsOfValidKeysBind() {
        this.runner.withPropertyValues("portico.routes[0].id=users", "portico.routes[0].uri=http://127.0.0.1:9001",
                "portico.routes[0].match.pathRegex=/api/.*", "portico.routes[0].default_filters=false",
                "portico.notFoundAsProblem=false", "portico.upstreams.users.loadBalancer.policy=ewma",
                "portico.upstreams.users.nodes[0].uri=http://127.0.0.1:9001",
                "portico.routes[0].metadata.anyKey=any", "portico.routes[0].filters[0].strip-prefix=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Gateway.class).routeTable().size()).isEqualTo(1);
                });
    }

    @Test
    void environmentVariablesBindAndTheirTyposAreErrors() {
        this.runner.withInitializer(env(Map.of("PORTICO_ROUTES_0_ID", "users",
                "PORTICO_ROUTES_0_URI", "http://127.0.0.1:9001", "PORTICO_ROUTES_0_MATCH_PATHREGEX", "/api/.*",
                "PORTICO_SERVICE_HOST", "10.0.0.1"))) // a Kubernetes service link: not ours, not an error
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Gateway.class).routeTable().size()).isEqualTo(1);
                });
        this.runner.withInitializer(env(Map.of("PORTICO_ROUTES_0_ID", "users",
                "PORTICO_ROUTES_0_URI", "http://127.0.0.1:9001", "PORTICO_ROUTES_0_MTACH_PATH", "/api/**")))
                .run(context -> assertThat(report(context)).contains("Property: portico.routes[0].mtach.path",
                        "PORTICO_ROUTES_0_MTACH_PATH", "did you mean 'match'"));
    }

    @Test
    void routesLeftUnboundByAnEmptyListInAHigherSourceAreAnError() {
        this.runner.withInitializer(yaml("""
                portico:
                  routes: []
                """)).withPropertyValues(ROUTE.split(",")).run(context -> assertThat(report(context))
                .contains("Property: portico.routes[0].id", "this list element was not bound"));
    }

    private static String report(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new PropertyKeysFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("Portico's analysis of %s", context.getStartupFailure()).isNotNull();
        return analysis.getDescription() + System.lineSeparator() + analysis.getAction();
    }

    private static org.springframework.context.ApplicationContextInitializer<
            org.springframework.context.ConfigurableApplicationContext> yaml(String text) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application.yml",
                    new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)));
            return context -> sources.forEach(context.getEnvironment().getPropertySources()::addFirst);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static org.springframework.context.ApplicationContextInitializer<
            org.springframework.context.ConfigurableApplicationContext> env(Map<String, Object> variables) {
        return context -> context.getEnvironment().getPropertySources().replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }
}
