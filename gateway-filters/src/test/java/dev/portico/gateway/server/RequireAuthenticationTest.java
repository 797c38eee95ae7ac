package dev.portico.gateway.server;

import java.util.List;

import dev.portico.gateway.filter.AuthenticationFilter;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.route.RouteDefinitionException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Fail closed: where the gateway requires authentication, a route must authenticate or say it is public. */
class RequireAuthenticationTest {

    /** Stands for key-auth, basic-auth, jwt. */
    static final class Authenticates implements AuthenticationFilter {

        @Override
        public Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
            return chain.filter(exchange);
        }
    }

    static Route.Builder route(String id) {
        return Route.builder(id).match(m -> m.path("/" + id + "/**")).uri("http://127.0.0.1:9");
    }

    @Test
    void unprotectedRouteFailsWhenAuthenticationIsRequired() {
        assertThatExceptionOfType(RouteDefinitionException.class)
                .isThrownBy(() -> Gateway.builder().requireAuthentication(true)
                        .route(route("orders").filter(new Authenticates()).build())
                        .route(route("admin").build()).build())
                .satisfies(ex -> {
                    assertThat(ex.routeId()).isEqualTo("admin");
                    assertThat(ex.property()).isEqualTo("filters");
                    assertThat(ex.fix()).contains("public: true").contains("portico.default-filters: [jwt]");
                });
    }

    @Test
    void routeIsProtectedByItsOwnADefaultOrAGlobalAuthenticationFilter() {
        assertThatNoException().isThrownBy(() -> {
            Gateway.builder().requireAuthentication(true).route(route("own").filter(new Authenticates()).build())
                    .build().close();
            Gateway.builder().requireAuthentication(true).defaultFilter(new Authenticates())
                    .route(route("by-default").build()).build().close();
            Gateway.builder().requireAuthentication(true).globalFilter(new Authenticates())
                    .route(route("globally").defaultFilters(false).build()).build().close();
        });
    }

    @Test
    void optingOutOfDefaultFiltersDropsTheirAuthentication() {
        assertThatExceptionOfType(RouteDefinitionException.class)
                .isThrownBy(() -> Gateway.builder().requireAuthentication(true).defaultFilter(new Authenticates())
                        .route(route("escapes").defaultFilters(false).build()).build())
                .satisfies(ex -> assertThat(ex.routeId()).isEqualTo("escapes"));
    }

    @Test
    void publicRoutesAreOpenOnPurpose() {
        try (Gateway gateway = Gateway.builder().requireAuthentication(true)
                .route(route("health").publicAccess(true).build()).build()) {
            assertThat(gateway.routes()).extracting(Route::id).containsExactly("health");
        }
    }

    @Test
    void anUpdateThatWouldOpenARouteFailsAndChangesNothing() {
        try (Gateway gateway = Gateway.builder().requireAuthentication(true)
                .route(route("orders").filter(new Authenticates()).build()).build()) {
            assertThatExceptionOfType(RouteDefinitionException.class)
                    .isThrownBy(() -> gateway.update(List.of(route("orders").build()), List.of()));
            assertThat(gateway.routes().get(0).filters()).hasSize(1);
        }
    }

    @Test
    void withoutTheRequirementNothingIsChecked() {
        assertThatNoException().isThrownBy(() -> Gateway.builder().route(route("open").build()).build().close());
    }
}
