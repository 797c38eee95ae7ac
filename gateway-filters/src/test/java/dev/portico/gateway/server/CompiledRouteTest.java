package dev.portico.gateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.portico.gateway.cluster.UpstreamCluster;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.filter.ResponseFilter;
import dev.portico.gateway.observation.GatewayObservations;
import dev.portico.gateway.response.ResponseWriter;
import dev.portico.gateway.route.Route;
import dev.portico.gateway.upstream.PoolSettings;
import dev.portico.gateway.upstream.Timeouts;
import dev.portico.gateway.upstream.Upstream;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled filter array of a route, and its chain run against an in-memory exchange (no server). */
class CompiledRouteTest {

    final UpstreamCluster upstream = new UpstreamCluster(Upstream.builder("u").node("http://127.0.0.1:9").build(),
            PoolSettings.DEFAULTS);

    final List<String> log = new ArrayList<>();

    @AfterEach
    void close() {
        this.upstream.close();
    }

    /** Records its name; a plain inline filter of order 0. */
    record Named(String name, List<String> log) implements InlineFilter {

        @Override
        public void apply(GatewayExchange exchange) {
            this.log.add(this.name);
        }
    }

    /** Ordered through the Spring interface. */
    record OrderedFilter(String name, int order, List<String> log) implements InlineFilter, Ordered {

        @Override
        public void apply(GatewayExchange exchange) {
            this.log.add(this.name);
        }

        @Override
        public int getOrder() {
            return this.order;
        }
    }

    /** Ordered by annotation. */
    @Order(5)
    record Late(List<String> log) implements InlineFilter {

        @Override
        public void apply(GatewayExchange exchange) {
            this.log.add("late");
        }
    }

    record Header(String name, List<String> log) implements ResponseFilter {

        @Override
        public void applyResponse(GatewayExchange exchange) {
            this.log.add(this.name);
        }
    }

    Named named(String name) {
        return new Named(name, this.log);
    }

    CompiledRoute compile(Route.Builder route, List<GatewayFilter> global, List<GatewayFilter> defaults) {
        return new CompiledRoute(route.match(m -> m.path("/**")).uri("http://127.0.0.1:9").build(), global, defaults, "u", name -> this.upstream,
                null, GatewayObservations.disabled());
    }

    static List<String> names(List<? extends GatewayFilter> filters) {
        return filters.stream().map(f -> f instanceof Named n ? n.name() : f instanceof OrderedFilter o ? o.name()
                : f instanceof Header h ? h.name() : "late").toList();
    }

    @Test
    void globalThenDefaultThenRouteFiltersInDeclarationOrder() {
        CompiledRoute route = compile(Route.builder("r").filter(named("r1")).filter(named("r2")),
                List.of(named("g1"), named("g2")), List.of(named("d1"), named("d2")));
        assertThat(names(route.filters())).containsExactly("g1", "g2", "d1", "d2", "r1", "r2");
    }

    @Test
    void routeMayOptOutOfDefaultFiltersButNotGlobalOnes() {
        CompiledRoute route = compile(Route.builder("r").defaultFilters(false).filter(named("r1")),
                List.of(named("g1")), List.of(named("d1")));
        assertThat(names(route.filters())).containsExactly("g1", "r1");
    }

    @Test
    void explicitOrderMovesFiltersAcrossScopesAndTiesKeepScopeOrder() {
        CompiledRoute route = compile(
                Route.builder("r").filter(new Late(this.log)).filter(named("r1"))
                        .filter(new OrderedFilter("first", -10, this.log)),
                List.of(named("g1"), new OrderedFilter("g-late", 5, this.log)), List.of(named("d1")));
        assertThat(names(route.filters())).containsExactly("first", "g1", "d1", "r1", "g-late", "late");
    }

    @Test
    void responseFiltersAreSeparatedAndRunLastDeclaredFirst() {
        CompiledRoute route = compile(Route.builder("r").filter(new Header("r-resp", this.log)).filter(named("r1")),
                List.of(new Header("g-resp", this.log)), List.of(new Header("d-resp", this.log)));
        assertThat(names(route.filters())).containsExactly("r1");
        assertThat(names(route.responseFilters())).containsExactly("g-resp", "d-resp", "r-resp");
        ResponseWriter.of(route.responseFilters()).local(GatewayExchange.of(HttpMethod.GET, "/")).block();
        assertThat(this.log).containsExactly("r-resp", "d-resp", "g-resp");
    }

    @Test
    void chainRunsEveryScopeInOrderThenReachesTheProxy() {
        CompiledRoute route = compile(Route.builder("r").filter(named("r1")), List.of(named("g1")),
                List.of(named("d1")));
        // nothing listens on the route's upstream: the proxy's connect failure proves it was reached
        StepVerifier.create(route.chain().filter(GatewayExchange.of(HttpMethod.GET, "/")))
                .verifyErrorSatisfies(ex -> assertThat(ex).isInstanceOfSatisfying(GatewayException.class,
                        ge -> assertThat(ge.status()).isEqualTo(502)));
        assertThat(this.log).containsExactly("g1", "d1", "r1");
    }

    @Test
    void filterThatRespondsLocallyStopsTheChainBeforeTheProxy() {
        InlineFilter deny = exchange -> {
            this.log.add("deny");
            exchange.respond(403);
        };
        CompiledRoute route = compile(Route.builder("r").filter(named("r1")), List.of(named("g1"), deny),
                List.of(named("d1")));
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/");
        StepVerifier.create(route.chain().filter(exchange)).verifyComplete();
        assertThat(this.log).containsExactly("g1", "deny");
        assertThat(exchange.responseStatus()).isEqualTo(403);
        assertThat(exchange.isResponded()).isTrue();
    }

    @Test
    void routeTimeoutsOverrideTheUpstreamsOnlyWhereSet() {
        CompiledRoute inherited = compile(Route.builder("a"), List.of(), List.of());
        assertThat(inherited.proxy().responseTimeout()).isEqualTo(Timeouts.DEFAULT_RESPONSE);
        CompiledRoute overridden = compile(Route.builder("b").timeouts(Timeouts.of(null, Duration.ofMillis(300))),
                List.of(), List.of());
        assertThat(overridden.proxy().responseTimeout()).isEqualTo(Duration.ofMillis(300));
    }

    /** Both an inline request filter and a response filter: one class with two halves. */
    record BothHalves(List<String> log) implements InlineFilter, ResponseFilter {

        @Override
        public void apply(GatewayExchange exchange) {
            this.log.add("request half");
        }

        @Override
        public void applyResponse(GatewayExchange exchange) {
            this.log.add("response half");
        }

        @Override
        public Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
            return InlineFilter.super.filter(exchange, chain);
        }
    }

    @Test
    void filterThatIsInlineAndResponseFilterRunsBothHalves() {
        InlineFilter deny = exchange -> exchange.respond(204);
        CompiledRoute route = compile(Route.builder("r").filter(new BothHalves(this.log)).filter(deny), List.of(),
                List.of());
        assertThat(route.filters()).hasSize(2);
        assertThat(route.responseFilters()).hasSize(1);
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/");
        StepVerifier.create(route.chain().filter(exchange)).verifyComplete();
        assertThat(this.log).containsExactly("request half", "response half");
        assertThat(exchange.responseStatus()).isEqualTo(204);
    }

    @Test
    void responseFilterCalledOutsideACompiledChainStillRunsOnTheResponse() {
        Header header = new Header("wrapped", this.log);
        // a reactive filter that delegates to a response filter itself, then answers locally: the response
        // filter's half must not be lost
        GatewayFilter wrapper = (exchange, chain) -> header.filter(exchange, next -> {
            next.respond(200);
            return Mono.empty();
        });
        CompiledRoute route = compile(Route.builder("r").filter(wrapper), List.of(), List.of());
        assertThat(route.responseFilters()).isEmpty();
        GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/");
        StepVerifier.create(route.chain().filter(exchange)).verifyComplete();
        assertThat(this.log).containsExactly("wrapped");
    }

    @Test
    void plainResponseFilterAddsNoRequestSideWork() {
        CompiledRoute route = compile(Route.builder("r").filter(new Header("h", this.log)), List.of(), List.of());
        assertThat(route.filters()).isEmpty();
        assertThat(CompiledRoute.runsOnRequestSide(new Header("h", this.log))).isFalse();
        assertThat(CompiledRoute.runsOnRequestSide(new BothHalves(this.log))).isTrue();
    }

    /** A response filter whose own filter() does request-side work and then registers itself as the default does. */
    record LoggingHeader(List<String> log) implements ResponseFilter {

        @Override
        public void applyResponse(GatewayExchange exchange) {
            this.log.add("response");
        }

        @Override
        public Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
            this.log.add("request");
            exchange.addResponseFilter(this); // what ResponseFilter's default filter() does
            exchange.respond(200);
            return Mono.empty();
        }
    }

    @Test
    void responseHalfRunsOnceEvenWhenTheFilterAlsoRegistersItself() {
        CompiledRoute route = compile(Route.builder("r").filter(new LoggingHeader(this.log)), List.of(), List.of());
        assertThat(route.filters()).hasSize(1);
        assertThat(route.responseFilters()).hasSize(1);
        StepVerifier.create(route.chain().filter(GatewayExchange.of(HttpMethod.GET, "/"))).verifyComplete();
        assertThat(this.log).containsExactly("request", "response");
    }
}
