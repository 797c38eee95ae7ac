package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.route.RouteDefinitionException;

import static org.assertj.core.api.Assertions.assertThat;

/** What made a test context fail to start. */
final class StartupFailures {

    private StartupFailures() {
    }

    /** The {@link RouteDefinitionException} in a startup failure's causes; fails the test when there is none. */
    static RouteDefinitionException definitionError(Throwable failure) {
        Throwable t = failure;
        while (t != null && !(t instanceof RouteDefinitionException)) {
            t = t.getCause();
        }
        assertThat(t).as("a RouteDefinitionException in %s", failure).isNotNull();
        return (RouteDefinitionException) t;
    }
}
