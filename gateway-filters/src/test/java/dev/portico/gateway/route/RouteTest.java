package dev.portico.gateway.route;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RouteTest {

    @Test
    void routeWithoutAnyConditionFailsToBuild() {
        assertThatExceptionOfType(RouteDefinitionException.class)
                .isThrownBy(() -> Route.builder("everything").uri("http://127.0.0.1:9").build())
                .satisfies(ex -> {
                    assertThat(ex.routeId()).isEqualTo("everything");
                    assertThat(ex.property()).isEqualTo("match");
                    assertThat(ex.fix()).contains("path: /**");
                });
    }

    @Test
    void catchAllIsWrittenExplicitly() {
        Route all = Route.builder("all").match(RouteMatch.any()).uri("http://127.0.0.1:9").build();
        assertThat(all.match().path()).hasToString("/**");
        Route byMethod = Route.builder("posts").match(m -> m.methods("POST")).uri("http://127.0.0.1:9").build();
        assertThat(byMethod.match().hasConditions()).isTrue();
    }
}
