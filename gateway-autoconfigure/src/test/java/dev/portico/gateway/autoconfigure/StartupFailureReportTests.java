package dev.portico.gateway.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a user sees when a route is wrong: Boot's failure report, written by Portico's analyzer (not Boot's generic
 * bind report, and not a stack trace), naming the route, the property and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

    private static void start(String... properties) {
        // a command-line argument: src/test/resources/application.properties sets the web application type too
        new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).properties(properties)
                .run("--spring.main.web-application-type=none");
    }

    @Test
    void misspelledFilterNameIsReportedWithRoutePropertyAndSuggestion(CapturedOutput output) {
        assertThatThrownBy(() -> start("portico.routes[0].id=users", "portico.routes[0].match.path=/**", "portico.routes[0].uri=http://127.0.0.1:9001",
                "portico.routes[0].filters[0].strip-prefx=1"));
        assertThat(output).contains("Portico could not start: route 'users' is invalid.",
                "Property: portico.routes[0].filters[0]", "unknown filter 'strip-prefx'", "did you mean 'strip-prefix'?");
    }

    @Test
    void misspelledFilterArgumentIsPorticosReportNotBootsBindReport(CapturedOutput output) {
        assertThatThrownBy(() -> start("portico.routes[0].id=users", "portico.routes[0].match.path=/**", "portico.routes[0].uri=http://127.0.0.1:9001",
                "portico.routes[0].filters[0].add-request-header.nmae=X-A",
                "portico.routes[0].filters[0].add-request-header.value=1"));
        assertThat(output).contains("Portico could not start: route 'users' is invalid.",
                "Property: portico.routes[0].filters[0].add-request-header", "nmae");
    }

    @Test
    void unknownUpstreamNamesTheRoutesProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("portico.routes[0].id=orders", "portico.routes[0].match.path=/**", "portico.routes[0].upstream=ordres",
                "portico.upstreams.orders.nodes[0].uri=http://127.0.0.1:9002"));
        assertThat(output).contains("Property: portico.routes[0].upstream", "unknown upstream 'ordres'",
                "expected one of: [orders]");
    }

    @Test
    void misspelledKeyIsPorticosReportNotBootsUnboundReport(CapturedOutput output) {
        assertThatThrownBy(() -> start("portico.routes[0].id=users", "portico.routes[0].uri=http://127.0.0.1:9001",
                "portico.routes[0].mtach.path=/api/**"));
        assertThat(output).contains("Property: portico.routes[0].mtach.path",
                "unknown key 'mtach' at portico.routes[0]", "did you mean 'match' (portico.routes[0].match.path)?")
                .doesNotContain("were left unbound");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PorticoAutoConfiguration.class)
    static class App {
    }
}
