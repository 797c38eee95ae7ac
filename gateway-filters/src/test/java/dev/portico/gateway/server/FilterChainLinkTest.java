package dev.portico.gateway.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterChain;
import dev.portico.gateway.filter.InlineFilter;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FilterChainLinkTest {

    final List<String> log = new ArrayList<>();

    final GatewayFilterChain terminal = exchange -> Mono.fromRunnable(() -> this.log.add("proxy"));

    final AtomicInteger localResponses = new AtomicInteger();

    GatewayFilterChain chain(GatewayFilter... filters) {
        return FilterChainLink.of(filters, this.terminal, exchange -> Mono.fromRunnable(() -> {
            this.localResponses.incrementAndGet();
            this.log.add("local " + exchange.responseStatus());
        }));
    }

    /** An inline filter that fails if the chain ever ran it through its reactive adapter. */
    final class Inline implements InlineFilter {

        private final String name;
        private final int respondWith;

        Inline(String name) {
            this(name, 0);
        }

        Inline(String name, int respondWith) {
            this.name = name;
            this.respondWith = respondWith;
        }

        @Override
        public void apply(GatewayExchange exchange) {
            FilterChainLinkTest.this.log.add(this.name);
            if (this.respondWith != 0) {
                exchange.respond(this.respondWith);
            }
        }

        @Override
        public Mono<Void> filter(GatewayExchange exchange, GatewayFilterChain chain) {
            throw new AssertionError("inline filter " + this.name + " was run through a reactive layer");
        }
    }

    GatewayFilter reactive(String name) {
        return (exchange, chain) -> Mono.fromRunnable(() -> this.log.add(name + " before"))
                .then(Mono.defer(() -> chain.filter(exchange)))
                .then(Mono.fromRunnable(() -> this.log.add(name + " after")));
    }

    static GatewayExchange exchange() {
        return GatewayExchange.of(HttpMethod.GET, "/x");
    }

    @Test
    void runsInlineFiltersInOrderInAPlainLoopThenTheTerminal() {
        StepVerifier.create(chain(new Inline("a"), new Inline("b"), new Inline("c")).filter(exchange()))
                .verifyComplete();
        assertThat(this.log).containsExactly("a", "b", "c", "proxy");
    }

    @Test
    void reactiveFiltersNestAroundTheRestOfTheChain() {
        StepVerifier.create(chain(new Inline("a"), reactive("b"), new Inline("c"), reactive("d")).filter(exchange()))
                .verifyComplete();
        assertThat(this.log).containsExactly("a", "b before", "c", "d before", "proxy", "d after", "b after");
    }

    @Test
    void inlineFilterThatRespondsStopsTheChain() {
        StepVerifier.create(chain(new Inline("a"), new Inline("deny", 403), new Inline("c")).filter(exchange()))
                .verifyComplete();
        assertThat(this.log).containsExactly("a", "deny", "local 403");
    }

    @Test
    void reactiveFilterThatRespondsWithoutContinuingGetsTheLocalResponse() {
        GatewayFilter cached = (exchange, chain) -> Mono.fromRunnable(() -> {
            this.log.add("cache hit");
            exchange.respond(200);
        });
        StepVerifier.create(chain(new Inline("a"), cached, new Inline("c")).filter(exchange())).verifyComplete();
        assertThat(this.log).containsExactly("a", "cache hit", "local 200");
    }

    @Test
    void inlineRespondingBehindAReactiveFilterStillStopsBeforeTheTerminal() {
        StepVerifier.create(chain(reactive("outer"), new Inline("deny", 429), new Inline("c")).filter(exchange()))
                .verifyComplete();
        assertThat(this.log).startsWith("outer before", "deny", "local 429").doesNotContain("c", "proxy");
    }

    @Test
    void inlineFilterErrorsPropagateToTheCaller() {
        InlineFilter reject = exchange -> {
            throw new GatewayException(401, "Unauthorized", "no token");
        };
        GatewayFilterChain chain = chain(new Inline("a"), reject, new Inline("c"));
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> chain.filter(exchange()))
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(401));
        assertThat(this.log).containsExactly("a");
    }

    @Test
    void reactiveFilterErrorsFailTheChain() {
        GatewayFilter failing = (exchange, chain) -> Mono.error(new IllegalStateException("boom"));
        StepVerifier.create(chain(new Inline("a"), failing, new Inline("c")).filter(exchange()))
                .verifyErrorMessage("boom");
        assertThat(this.log).containsExactly("a");
    }

    @Test
    void emptyChainGoesStraightToTheTerminal() {
        StepVerifier.create(chain().filter(exchange())).verifyComplete();
        assertThat(this.log).containsExactly("proxy");
    }

    @Test
    void oneChainServesManyExchanges() {
        GatewayFilterChain chain = chain(new Inline("a"), reactive("b"));
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(chain.filter(exchange())).verifyComplete();
        }
        assertThat(this.log).hasSize(12).containsSequence("a", "b before", "proxy", "b after", "a");
    }
}
