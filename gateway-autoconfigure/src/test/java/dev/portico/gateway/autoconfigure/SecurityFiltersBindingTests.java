package dev.portico.gateway.autoconfigure;

import java.util.List;

import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.security.cors.CorsFilter;
import dev.portico.gateway.security.headers.SecureHeadersFilter;
import dev.portico.gateway.security.ip.IpRestrictionFilter;
import dev.portico.gateway.security.validation.RequestValidationFilter;
import dev.portico.gateway.server.Gateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge security filters by name from properties: shortcut and full forms bind, bad values stop startup. */
class SecurityFiltersBindingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoSecurityAutoConfiguration.class,
                    PorticoAutoConfiguration.class))
            .withPropertyValues("portico.routes[0].id=api", "portico.routes[0].match.path=/**",
                    "portico.routes[0].uri=http://127.0.0.1:9001");

    @Test
    void bindsEveryEdgeFilterFromProperties() {
        this.runner.withPropertyValues(
                "portico.routes[0].filters[0].cors=https://app.example.com, https://admin.example.com",
                "portico.routes[0].filters[1].cors.allowed-origin-patterns=https://*.example.com",
                "portico.routes[0].filters[1].cors.allow-credentials=true",
                "portico.routes[0].filters[1].cors.max-age=1h",
                "portico.routes[0].filters[2].ip-restriction=10.0.0.0/8, 2001:db8::/32",
                "portico.routes[0].filters[3].ip-restriction.deny[0]=203.0.113.0/24",
                "portico.routes[0].filters[4].request-validation.schema={\"type\": \"object\", \"required\": [\"a\"]}",
                "portico.routes[0].filters[4].request-validation.max-body=64KB",
                "portico.routes[0].filters[4].request-validation.headers[0].name=X-Tenant",
                "portico.routes[0].filters[4].request-validation.headers[0].pattern=[a-z]+",
                "portico.routes[0].filters[4].request-validation.query-parameters[0].name=page",
                "portico.routes[0].filters[4].request-validation.query-parameters[0].required=false",
                "portico.routes[0].filters[5]=secure-headers",
                "portico.routes[0].filters[6].secure-headers.hsts.https-only=false",
                "portico.routes[0].filters[6].secure-headers.frame-options=sameorigin",
                "portico.routes[0].filters[6].secure-headers.content-security-policy=default-src 'self'")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Route api = context.getBean(Gateway.class).routes().get(0);
                    List<GatewayFilter> filters = api.filters();
                    assertThat(filters).hasSize(7);
                    CorsFilter origins = (CorsFilter) filters.get(0);
                    assertThat(origins.configuration().getAllowedOrigins())
                            .containsExactly("https://app.example.com", "https://admin.example.com");
                    CorsFilter patterns = (CorsFilter) filters.get(1);
                    assertThat(patterns.configuration().getAllowedOriginPatterns()).containsExactly("https://*.example.com");
                    assertThat(patterns.configuration().getAllowCredentials()).isTrue();
                    assertThat(patterns.configuration().getMaxAge()).isEqualTo(3600L);
                    assertThat(((IpRestrictionFilter) filters.get(2)).allowed()).containsExactly("10.0.0.0/8", "2001:db8::/32");
                    assertThat(((IpRestrictionFilter) filters.get(3)).denied()).containsExactly("203.0.113.0/24");
                    assertThat(filters.get(4)).isInstanceOf(RequestValidationFilter.class)
                            .hasToString("RequestValidationFilter[schema=true, headers=1, queryParameters=1, maxBody=65536]");
                    assertThat(((SecureHeadersFilter) filters.get(5)).headers()).containsKey("x-frame-options");
                    assertThat(((SecureHeadersFilter) filters.get(6)).headers())
                            .containsEntry("x-frame-options", "SAMEORIGIN")
                            .containsEntry("content-security-policy", "default-src 'self'");
                });
    }

    @Test
    void malformedRangeStopsStartupNamingTheFilterAndEntry() {
        this.runner.withPropertyValues("portico.routes[0].filters[0].ip-restriction.allow[0]=10.0.0.0/33")
                .run(context -> {
                    RouteDefinitionException ex = rootCause(context.getStartupFailure());
                    assertThat(ex.property()).isEqualTo("portico.routes[0].filters[0].ip-restriction");
                    assertThat(ex.problem())
                            .isEqualTo("allow[0]: '10.0.0.0/33' has prefix length out of range (expected: 0-32)");
                });
    }

    @Test
    void anyOriginWithCredentialsStopsStartup() {
        this.runner.withPropertyValues("portico.routes[0].filters[0].cors.allowed-origins=*",
                "portico.routes[0].filters[0].cors.allow-credentials=true")
                .run(context -> assertThat(rootCause(context.getStartupFailure()).problem())
                        .startsWith("allowed-origins: [*] with allow-credentials: true"));
    }

    @Test
    void invalidSchemaAndUnknownMediaTypeStopStartup() {
        this.runner.withPropertyValues("portico.routes[0].filters[0].request-validation.schema={\"type\": 5}")
                .run(context -> assertThat(rootCause(context.getStartupFailure()).problem())
                        .startsWith("schema: not a valid JSON Schema"));
        this.runner.withPropertyValues("portico.routes[0].filters[0].request-validation.schema={}",
                "portico.routes[0].filters[0].request-validation.content-types=jsonish")
                .run(context -> assertThat(rootCause(context.getStartupFailure()).problem())
                        .startsWith("content-types[0]: 'jsonish' (expected: a media type"));
    }

    private static RouteDefinitionException rootCause(Throwable failure) {
        Throwable t = failure;
        while (t != null && !(t instanceof RouteDefinitionException)) {
            t = t.getCause();
        }
        assertThat(t).as("a RouteDefinitionException in %s", failure).isNotNull();
        return (RouteDefinitionException) t;
    }
}
