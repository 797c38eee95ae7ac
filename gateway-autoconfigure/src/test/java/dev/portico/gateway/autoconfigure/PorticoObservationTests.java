package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.server.Gateway;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway observes requests on the application's ObservationRegistry, and only when there is one. */
class PorticoObservationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PorticoAutoConfiguration.class))
            .withPropertyValues("portico.routes[0].id=a", "portico.routes[0].match.path=/a/**",
                    "portico.routes[0].uri=http://127.0.0.1:9001");

    @Test
    void withoutARegistryNothingIsObserved() {
        this.runner.run(context -> assertThat(context.getBean(Gateway.class).observations().enabled()).isFalse());
    }

    @Test
    void bootsRegistryIsUsedOnceItHasAHandler() {
        // Boot's registry with no handler (no metrics, no tracing) is a no-op: nothing is observed
        this.runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(Gateway.class).observations().enabled()).isFalse());
        this.runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
                .withBean(ObservationHandler.class, () -> (ObservationHandler<Observation.Context>) context -> true)
                .run(context -> {
                    assertThat(context).hasSingleBean(ObservationRegistry.class);
                    assertThat(context.getBean(Gateway.class).observations().enabled()).isTrue();
                });
    }

    @Test
    void aNoopRegistryCostsNothing() {
        this.runner.withBean(ObservationRegistry.class, () -> ObservationRegistry.NOOP)
                .run(context -> assertThat(context.getBean(Gateway.class).observations().enabled()).isFalse());
    }
}
