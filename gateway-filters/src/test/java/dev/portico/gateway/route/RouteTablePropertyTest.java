package dev.portico.gateway.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import dev.portico.gateway.filter.GatewayExchange;
import io.netty.handler.codec.http.HttpMethod;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled trie must pick the same route as a naive scan that applies the documented precedence rules: lower
 * order first; then a path template over a regex path over no path; between templates more literal segments, then a
 * fixed length over a trailing {@code /**}, then more (variable or wildcard) segments; then declaration order.
 * Literals come from a three-letter alphabet so that routes overlap and collide often.
 */
class RouteTablePropertyTest {

    /** A generated route: its segments as written ({@code a}, {@code {v1}}, {@code *}), or a regex, or neither. */
    record Spec(int order, @Nullable List<String> segments, boolean catchAll, @Nullable String regex,
            List<String> methods) {

        String pattern() {
            String base = "/" + String.join("/", this.segments);
            return this.catchAll ? (base.equals("/") ? "/**" : base + "/**") : base;
        }

        int kind() {
            return this.segments != null ? 2 : (this.regex != null ? 1 : 0);
        }

        long literals() {
            return this.segments == null ? 0 : this.segments.stream().filter(s -> !s.equals("*") && !s.startsWith("{")).count();
        }

        int segmentCount() {
            return this.segments == null ? 0 : this.segments.size();
        }

        Route toRoute(String id) {
            return Route.builder(id).order(this.order).match(m -> {
                if (this.segments != null) {
                    m.path(pattern());
                }
                else if (this.regex != null) {
                    m.pathRegex(this.regex);
                }
                if (!this.methods.isEmpty()) {
                    m.methods(this.methods.toArray(String[]::new));
                }
            }).uri("http://127.0.0.1:9").build();
        }
    }

    record Request(String method, String path) {
    }

    @Provide
    Arbitrary<Spec> spec() {
        Arbitrary<Integer> order = Arbitraries.of(0, 0, 0, 0, 1, -1);
        Arbitrary<String> segment = Arbitraries.of("a", "b", "c", "{v}", "*");
        Arbitrary<List<String>> segments = segment.list().ofMaxSize(3).map(list -> {
            List<String> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                named.add(list.get(i).equals("{v}") ? "{v" + i + "}" : list.get(i));
            }
            return named;
        });
        Arbitrary<Integer> shape = Arbitraries.integers().between(0, 9); // 0: pathless, 1: regex, else template
        Arbitrary<String> regex = Arbitraries.of("/a/.*", "/[ab]+", "/.*/c", "/(?<x>[^/]+)");
        Arbitrary<List<String>> methods = Arbitraries.of("GET", "POST").list().uniqueElements().ofMaxSize(2);
        return Combinators.combine(order, shape, segments, Arbitraries.of(true, false), regex, methods)
                .as((o, s, segs, catchAll, re, ms) -> switch (s) {
                    // a route must state a condition: a pathless one has at least a method
                    case 0 -> new Spec(o, null, false, null, ms.isEmpty() ? List.of("GET") : ms);
                    case 1 -> new Spec(o, null, false, re, ms);
                    default -> new Spec(o, segs, catchAll, null, ms);
                });
    }

    @Provide
    Arbitrary<Request> request() {
        Arbitrary<String> segment = Arbitraries.of("a", "b", "c", "x", "");
        return Combinators.combine(Arbitraries.of("GET", "POST", "DELETE"), segment.list().ofMaxSize(4))
                .as((method, segs) -> new Request(method, "/" + String.join("/", segs)));
    }

    @Property(tries = 300)
    void trieAgreesWithNaiveScan(@ForAll @Size(min = 1, max = 10) List<@From("spec") Spec> specs,
            @ForAll @Size(min = 1, max = 20) List<@From("request") Request> requests) {
        List<Route> routes = IntStream.range(0, specs.size()).mapToObj(i -> specs.get(i).toRoute("r" + i)).toList();
        RouteTable<Integer> table = RouteTable.compile(routes, route -> Integer.parseInt(route.id().substring(1)));
        for (Request request : requests) {
            GatewayExchange exchange = GatewayExchange.of(HttpMethod.valueOf(request.method()), request.path());
            RouteTable.Entry<Integer> found = table.find(exchange);
            Optional<Integer> expected = reference(specs, request);
            assertThat(Optional.ofNullable(found).map(RouteTable.Entry::value))
                    .as("%s %s over %s", request.method(), request.path(), routes)
                    .isEqualTo(expected);
        }
    }

    /** Filters every route by path and method, then takes the best by the documented rules. */
    static Optional<Integer> reference(List<Spec> specs, Request request) {
        Comparator<Integer> precedence = Comparator.<Integer>comparingInt(i -> specs.get(i).order())
                .thenComparing(i -> specs.get(i).kind(), Comparator.reverseOrder())
                .thenComparing(i -> specs.get(i).literals(), Comparator.reverseOrder())
                .thenComparing(i -> specs.get(i).catchAll()) // false (fixed length) first
                .thenComparing(i -> specs.get(i).segmentCount(), Comparator.reverseOrder())
                .thenComparingInt(i -> i);
        return IntStream.range(0, specs.size()).boxed()
                .filter(i -> matches(specs.get(i), request))
                .min(precedence);
    }

    static boolean matches(Spec spec, Request request) {
        if (!spec.methods().isEmpty() && !spec.methods().contains(request.method())) {
            return false;
        }
        if (spec.segments() != null) {
            return PathTemplate.parse(spec.pattern()).matches(request.path());
        }
        return spec.regex() == null || Pattern.compile(spec.regex()).matcher(request.path()).matches();
    }
}
