package dev.portico.gateway.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PorticoEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class,
                    PorticoEndpointAutoConfiguration.class))
            .withPropertyValues("portico.routes[0].id=users", "portico.routes[0].match.path=/**", "portico.routes[0].uri=http://127.0.0.1:9001",
                    "portico.routes[0].filters[0].strip-prefix=2");

    @Test
    void anUnexposedEndpointIsNotCreated() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(PorticoEndpoint.class)
                .doesNotHaveBean(PorticoEndpointWebExtension.class));
    }

    @Test
    void exposedOnTheWebItComesWithItsWebExtension() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=portico")
                .run(context -> assertThat(context).hasSingleBean(PorticoEndpoint.class)
                        .hasSingleBean(PorticoEndpointWebExtension.class));
    }

    @Test
    void exposedOverJmxOnlyItHasNoWebExtension() {
        this.runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=portico")
                .run(context -> assertThat(context).hasSingleBean(PorticoEndpoint.class)
                        .doesNotHaveBean(PorticoEndpointWebExtension.class));
    }

    @Test
    void theEndpointShowsConfiguredFiltersByFactoryName() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=portico").run(context -> {
            Object route = context.getBean(PorticoEndpoint.class).item("routes", "users");
            assertThat(route).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("filters", List.of(Map.of("name", "strip-prefix", "args", Map.of("parts", 2))));
        });
    }
}
