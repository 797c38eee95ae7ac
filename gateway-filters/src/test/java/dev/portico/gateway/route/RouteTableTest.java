package dev.portico.gateway.route;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.portico.gateway.filter.GatewayExchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RouteTableTest {

    static Route route(String id, Consumer<RouteMatch.Builder> match) {
        return Route.builder(id).match(match).uri("http://127.0.0.1:9").build();
    }

    static Route route(String id, int order, Consumer<RouteMatch.Builder> match) {
        return Route.builder(id).order(order).match(match).uri("http://127.0.0.1:9").build();
    }

    static RouteTable<String> table(Route... routes) {
        return RouteTable.compile(List.of(routes), Route::id);
    }

    static @Nullable String find(RouteTable<String> table, String uri) {
        return find(table, HttpMethod.GET, uri);
    }

    static @Nullable String find(RouteTable<String> table, HttpMethod method, String uri) {
        return find(table, GatewayExchange.of(method, uri));
    }

    static @Nullable String find(RouteTable<String> table, GatewayExchange exchange) {
        RouteTable.Entry<String> entry = table.find(exchange);
        return entry == null ? null : entry.value();
    }

    static GatewayExchange request(String uri, Consumer<HttpHeaders> headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        headers.accept(h);
        return GatewayExchange.of(HttpMethod.GET, uri, h, new InetSocketAddress("127.0.0.1", 40000));
    }

    static GatewayExchange from(String address) {
        return GatewayExchange.of(HttpMethod.GET, "/", new DefaultHttpHeaders(), new InetSocketAddress(address, 40000));
    }

    @Nested
    class Paths {

        /*
         *   root
         *    └─ "api"
         *        ├─ "users"  prefix: [users-all (/api/users/**)]
         *        │    ├─ "me"   exact: [me (/api/users/me)]
         *        │    └─ {any}  exact: [user-by-id (/api/users/{id})]
         *        └─ {any}
         *             └─ "health" exact: [svc-health (/api/{svc}/health)]
         */
        final RouteTable<String> table = table(
                route("users-all", m -> m.path("/api/users/**")),
                route("me", m -> m.path("/api/users/me")),
                route("user-by-id", m -> m.path("/api/users/{id}")),
                route("svc-health", m -> m.path("/api/{svc}/health")));

        @Test
        void literalPathMatchesOnlyItself() {
            assertThat(find(this.table, "/api/users/me")).isEqualTo("me");
            assertThat(find(this.table, "/api/orders/me")).isNull();
        }

        @Test
        void variableSegmentMatchesExactlyOneNonEmptySegment() {
            assertThat(find(this.table, "/api/users/42")).isEqualTo("user-by-id");
            // two segments after users: only the catch-all takes it
            assertThat(find(this.table, "/api/users/42/orders")).isEqualTo("users-all");
            // an empty segment is no value for {id}
            assertThat(find(this.table, "/api/users/")).isEqualTo("users-all");
        }

        @Test
        void trailingDoubleStarMatchesZeroOrMoreSegments() {
            RouteTable<String> t = table(route("users-all", m -> m.path("/api/users/**")));
            assertThat(find(t, "/api/users")).isEqualTo("users-all");
            assertThat(find(t, "/api/users/")).isEqualTo("users-all");
            assertThat(find(t, "/api/users/1/x")).isEqualTo("users-all");
            assertThat(find(t, "/api/usersx")).isNull();
            assertThat(find(t, "/api")).isNull();
            assertThat(find(t, "/")).isNull();
        }

        @Test
        void rootCatchAllMatchesEveryPath() {
            RouteTable<String> t = table(route("all", m -> m.path("/**")));
            assertThat(find(t, "/")).isEqualTo("all");
            assertThat(find(t, "/a")).isEqualTo("all");
            assertThat(find(t, "/a/b/c/")).isEqualTo("all");
        }

        @Test
        void rootTemplateMatchesOnlyRoot() {
            RouteTable<String> t = table(route("root", m -> m.path("/")));
            assertThat(find(t, "/")).isEqualTo("root");
            assertThat(find(t, "/?q=1")).isEqualTo("root");
            assertThat(find(t, "/a")).isNull();
        }

        @Test
        void wildcardSegmentMatchesOneSegmentWithoutCapturing() {
            RouteTable<String> t = table(route("star", m -> m.path("/files/*/meta")));
            assertThat(find(t, "/files/a.txt/meta")).isEqualTo("star");
            assertThat(find(t, "/files//meta")).isNull();
            assertThat(find(t, "/files/a/b/meta")).isNull();
        }

        @Test
        void variableInTheMiddleMatchesAnySegmentBeforeALiteral() {
            assertThat(find(this.table, "/api/orders/health")).isEqualTo("svc-health");
            assertThat(find(this.table, "/api/orders/health/x")).isNull();
        }

        @Test
        void trailingSlashIsASegmentOfItsOwn() {
            RouteTable<String> t = table(route("exact", m -> m.path("/a/b")), route("slash", m -> m.path("/a/b/")));
            assertThat(find(t, "/a/b")).isEqualTo("exact");
            assertThat(find(t, "/a/b/")).isEqualTo("slash");
        }

        @Test
        void literalsCompareCaseSensitively() {
            assertThat(find(this.table, "/API/users/me")).isNull();
        }

        @Test
        void literalsMatchTheDecodedPath() {
            assertThat(find(this.table, "/api/%75sers/me")).isEqualTo("me");
        }

        @Test
        void encodedSlashStaysInsideItsSegment() {
            // /api/users%2Fme is one segment after "api": not /api/users/me
            assertThat(find(this.table, "/api/users%2Fme/health")).isEqualTo("svc-health");
            assertThat(find(this.table, "/api/users%2Fme")).isNull();
        }

        @Test
        void queryStringIsNotPartOfThePath() {
            assertThat(find(this.table, "/api/users/me?x=/y")).isEqualTo("me");
        }

        @Test
        void regexPathMatchesTheWholeMatchPathAndExposesNamedGroups() {
            Route regex = route("regex", m -> m.pathRegex("/v(?<version>[0-9]+)/items/(?<item>[a-z]+)"));
            RouteTable<String> t = table(regex);
            GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/v2/items/book");
            assertThat(find(t, exchange)).isEqualTo("regex");
            Route routedBy = regex;
            exchange.routed(routedBy.id(), routedBy.match().variables());
            assertThat(exchange.uriVariables()).containsEntry("version", "2").containsEntry("item", "book").hasSize(2);
            assertThat(find(t, "/v2/items/book/x")).isNull();
            assertThat(find(t, "/vx/items/book")).isNull();
        }

        @Test
        void regexGroupsComeFromTheDecodedPathTheRegexMatched() {
            Route regex = route("regex", m -> m.pathRegex("/v(?<version>[0-9]+)/items/(?<item>[a-z]+)"));
            GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/v2/items/%62ook");
            assertThat(find(table(regex), exchange)).isEqualTo("regex");
            Route routedBy = regex;
            exchange.routed(routedBy.id(), routedBy.match().variables());
            assertThat(exchange.uriVariables()).containsEntry("version", "2").containsEntry("item", "book");
        }

        @Test
        void templateVariablesAreTakenFromTheRawPath() {
            Route r = route("r", m -> m.path("/api/{svc}/items/{id}"));
            GatewayExchange exchange = GatewayExchange.of(HttpMethod.GET, "/api/a%2Fb/items/x%20y?q=1");
            assertThat(find(table(r), exchange)).isEqualTo("r");
            Route routedBy = r;
            exchange.routed(routedBy.id(), routedBy.match().variables());
            assertThat(exchange.uriVariables()).containsExactly(entry("svc", "a%2Fb"), entry("id", "x%20y"));
        }

        @Test
        void pathlessRouteMatchesEveryPath() {
            RouteTable<String> t = table(route("any", m -> m.methods("GET")));
            assertThat(find(t, "/")).isEqualTo("any");
            assertThat(find(t, "/x/y/z")).isEqualTo("any");
            assertThat(find(t, HttpMethod.POST, "/x")).isNull();
        }

        @Test
        void emptyTableMatchesNothing() {
            RouteTable<String> empty = RouteTable.empty();
            assertThat(empty.size()).isZero();
            assertThat(empty.entries()).isEmpty();
            assertThat(empty.find(GatewayExchange.of(HttpMethod.GET, "/"))).isNull();
            assertThat(table().find(GatewayExchange.of(HttpMethod.GET, "/a/b"))).isNull();
        }
    }

    @Nested
    class Conditions {

        @Test
        void methodsRestrictTheRouteAndAnyListedMethodMatches() {
            RouteTable<String> t = table(route("read", m -> m.path("/x").methods("get", "HEAD")),
                    route("write", m -> m.path("/x").methods("POST")));
            assertThat(find(t, HttpMethod.GET, "/x")).isEqualTo("read");
            assertThat(find(t, HttpMethod.HEAD, "/x")).isEqualTo("read");
            assertThat(find(t, HttpMethod.POST, "/x")).isEqualTo("write");
            assertThat(find(t, HttpMethod.DELETE, "/x")).isNull();
        }

        @Test
        void aRouteWhoseOtherConditionsFailYieldsToTheNextBest() {
            // the more specific route does not take DELETE: the catch-all does
            RouteTable<String> t = table(route("all", m -> m.path("/x/**")),
                    route("get-only", m -> m.path("/x/y").methods("GET")));
            assertThat(find(t, HttpMethod.GET, "/x/y")).isEqualTo("get-only");
            assertThat(find(t, HttpMethod.DELETE, "/x/y")).isEqualTo("all");
        }

        @Test
        void hostExactWildcardAndTemplate() {
            RouteTable<String> t = table(route("exact", m -> m.host("api.example.com")),
                    route("wild", m -> m.host("*.example.com")),
                    route("tmpl", m -> m.host("{sub}.x.org")));
            assertThat(find(t, request("/", h -> h.set("Host", "api.example.com")))).isEqualTo("exact");
            assertThat(find(t, request("/", h -> h.set("Host", "API.Example.COM:8443")))).isEqualTo("exact");
            assertThat(find(t, request("/", h -> h.set("Host", "www.example.com")))).isEqualTo("wild");
            assertThat(find(t, request("/", h -> h.set("Host", "a.b.example.com")))).isEqualTo("wild");
            assertThat(find(t, request("/", h -> h.set("Host", "example.com")))).isNull();
            assertThat(find(t, request("/", h -> h.set("Host", "tenant.x.org:80")))).isEqualTo("tmpl");
            assertThat(find(t, request("/", h -> h.set("Host", "a.tenant.x.org")))).isNull();
            assertThat(find(t, request("/", h -> { }))).isNull();
        }

        @Test
        void hostTemplateVariablesBecomeUriVariables() {
            Route r = route("tmpl", m -> m.path("/items/{id}").host("{tenant}.x.org"));
            GatewayExchange exchange = request("/items/7", h -> h.set("Host", "acme.x.org"));
            assertThat(find(table(r), exchange)).isEqualTo("tmpl");
            Route routedBy = r;
            exchange.routed(routedBy.id(), routedBy.match().variables());
            assertThat(exchange.uriVariables()).containsEntry("id", "7").containsEntry("tenant", "acme");
        }

        @Test
        void headerPresentExactAndRegex() {
            RouteTable<String> t = table(route("exact", m -> m.header(ValueCondition.exact("X-Env", "prod"))),
                    route("regex", m -> m.header(ValueCondition.regex("X-Env", "st[a-z]+"))),
                    route("present", m -> m.header(ValueCondition.present("X-Env"))));
            assertThat(find(t, request("/", h -> h.set("x-env", "prod")))).isEqualTo("exact");
            assertThat(find(t, request("/", h -> h.set("X-Env", "stage")))).isEqualTo("regex");
            // a regex must match the whole value
            assertThat(find(t, request("/", h -> h.set("X-Env", "stage-1")))).isEqualTo("present");
            assertThat(find(t, request("/", h -> h.set("X-Env", "")))).isEqualTo("present");
            assertThat(find(t, request("/", h -> h.set("X-Other", "prod")))).isNull();
        }

        @Test
        void queryParamPresentExactAndRegexOnDecodedValues() {
            RouteTable<String> t = table(route("exact", m -> m.queryParam(ValueCondition.exact("v", "a b"))),
                    route("regex", m -> m.queryParam(ValueCondition.regex("v", "[0-9]+"))),
                    route("present", m -> m.queryParam(ValueCondition.present("flag"))));
            assertThat(find(t, "/?v=a%20b")).isEqualTo("exact");
            assertThat(find(t, "/?x=1&v=a+b")).isEqualTo("exact");
            assertThat(find(t, "/?v=123")).isEqualTo("regex");
            assertThat(find(t, "/?v=12x")).isNull();
            assertThat(find(t, "/?flag")).isEqualTo("present");
            assertThat(find(t, "/?flagged=1")).isNull();
            assertThat(find(t, "/")).isNull();
        }

        @Test
        void cookiePresentExactAndRegex() {
            RouteTable<String> t = table(route("exact", m -> m.cookie(ValueCondition.exact("beta", "on"))),
                    route("regex", m -> m.cookie(ValueCondition.regex("session", "s-[0-9]+"))),
                    route("present", m -> m.cookie(ValueCondition.present("trace"))));
            assertThat(find(t, request("/", h -> h.add("Cookie", "a=1; beta=on")))).isEqualTo("exact");
            assertThat(find(t, request("/", h -> h.add("Cookie", "beta=off; session=s-12")))).isEqualTo("regex");
            assertThat(find(t, request("/", h -> h.add("Cookie", "x=1").add("Cookie", "trace=")))).isEqualTo("present");
            assertThat(find(t, request("/", h -> h.add("Cookie", "betax=on")))).isNull();
        }

        @Test
        void clientAddressInIpv4AndIpv6Ranges() {
            RouteTable<String> t = table(route("v4", m -> m.remoteAddress("10.0.0.0/8", "192.168.1.7")),
                    route("v6", m -> m.remoteAddress("2001:db8::/32")));
            assertThat(find(t, from("10.200.3.4"))).isEqualTo("v4");
            assertThat(find(t, from("192.168.1.7"))).isEqualTo("v4");
            assertThat(find(t, from("192.168.1.8"))).isNull();
            assertThat(find(t, from("11.0.0.1"))).isNull();
            assertThat(find(t, from("2001:db8:1::5"))).isEqualTo("v6");
            assertThat(find(t, from("2001:db9::5"))).isNull();
            assertThat(find(t, GatewayExchange.of(HttpMethod.GET, "/", new DefaultHttpHeaders(), null))).isNull();
        }

        @Test
        void everyConditionMustHold() {
            RouteTable<String> t = table(route("all", m -> m.path("/x").methods("POST")
                    .header(ValueCondition.present("X-A")).queryParam(ValueCondition.exact("q", "1"))));
            HttpHeaders h = new DefaultHttpHeaders().set("X-A", "1");
            InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 1);
            assertThat(find(t, GatewayExchange.of(HttpMethod.POST, "/x?q=1", h, remote))).isEqualTo("all");
            assertThat(find(t, GatewayExchange.of(HttpMethod.GET, "/x?q=1", h, remote))).isNull();
            assertThat(find(t, GatewayExchange.of(HttpMethod.POST, "/x?q=2", h, remote))).isNull();
            assertThat(find(t, GatewayExchange.of(HttpMethod.POST, "/x?q=1", new DefaultHttpHeaders(), remote))).isNull();
        }
    }

    @Nested
    class Precedence {

        @Test
        void explicitOrderBeatsSpecificity() {
            RouteTable<String> t = table(route("specific", m -> m.path("/api/users/me")),
                    route("broad-but-first", -1, m -> m.path("/**")));
            assertThat(find(t, "/api/users/me")).isEqualTo("broad-but-first");
        }

        @Test
        void higherOrderLosesEvenToAPathlessRoute() {
            RouteTable<String> t = table(route("specific", 10, m -> m.path("/api/users/me")),
                    route("pathless", m -> m.methods("GET")));
            assertThat(find(t, "/api/users/me")).isEqualTo("pathless");
        }

        /*
         *   root
         *    ├─ "a"
         *    │   └─ {any}
         *    │        └─ {any}   exact: [one-literal (/a/{x}/{y})]
         *    └─ {any}
         *        └─ "b"
         *            └─ "c"      exact: [two-literals (/{x}/b/c)]
         */
        @Test
        void moreLiteralSegmentsBeatFewer() {
            RouteTable<String> t = table(route("one-literal", m -> m.path("/a/{x}/{y}")),
                    route("two-literals", m -> m.path("/{x}/b/c")));
            assertThat(find(t, "/a/b/c")).isEqualTo("two-literals");
            assertThat(find(t, "/a/b/d")).isEqualTo("one-literal");
        }

        @Test
        void moreLiteralSegmentsBeatAFixedLength() {
            RouteTable<String> t = table(route("vars", m -> m.path("/{a}/{b}")),
                    route("prefix", m -> m.path("/x/**")));
            assertThat(find(t, "/x/y")).isEqualTo("prefix");
        }

        @Test
        void fixedLengthBeatsTrailingDoubleStarWithEqualLiterals() {
            // both have one literal ("api")
            RouteTable<String> t = table(route("catch-all", m -> m.path("/api/**")),
                    route("one-var", m -> m.path("/api/{id}")));
            assertThat(find(t, "/api/1")).isEqualTo("one-var");
            assertThat(find(t, "/api/1/2")).isEqualTo("catch-all");
        }

        @Test
        void longerCatchAllBeatsShorterOne() {
            /*
             *   root  prefix: [root (/**)]
             *    └─ "a"  prefix: [a (/a/**)]
             *        └─ "b"  prefix: [ab (/a/b/**)]
             */
            RouteTable<String> t = table(route("root", m -> m.path("/**")), route("a", m -> m.path("/a/**")),
                    route("ab", m -> m.path("/a/b/**")));
            assertThat(find(t, "/a/b/c")).isEqualTo("ab");
            assertThat(find(t, "/a/b")).isEqualTo("ab");
            assertThat(find(t, "/a/c")).isEqualTo("a");
            assertThat(find(t, "/a")).isEqualTo("a");
            assertThat(find(t, "/b")).isEqualTo("root");
        }

        @Test
        void moreVariableSegmentsBeatFewerWhenLiteralsAndFixednessTie() {
            RouteTable<String> t = table(route("short", m -> m.path("/a/**")),
                    route("long", m -> m.path("/a/{x}/**")));
            assertThat(find(t, "/a/1/2")).isEqualTo("long");
            assertThat(find(t, "/a/1")).isEqualTo("long");
            assertThat(find(t, "/a")).isEqualTo("short");
        }

        @Test
        void declarationOrderBreaksTies() {
            RouteTable<String> t = table(route("first", m -> m.path("/x/{a}")), route("second", m -> m.path("/x/{b}")),
                    route("third", m -> m.path("/x/*")));
            assertThat(find(t, "/x/1")).isEqualTo("first");
            RouteTable<String> reversed = table(route("third", m -> m.path("/x/*")),
                    route("second", m -> m.path("/x/{b}")), route("first", m -> m.path("/x/{a}")));
            assertThat(find(reversed, "/x/1")).isEqualTo("third");
        }

        @Test
        void declarationOrderBreaksTiesBetweenPathlessRoutes() {
            RouteTable<String> t = table(route("p1", m -> m.methods("GET")), route("p2", m -> m.methods("GET")));
            assertThat(find(t, "/x")).isEqualTo("p1");
        }

        @Test
        void templateBeatsRegexBeatsPathless() {
            Route pathless = route("pathless", m -> m.methods("GET"));
            Route regex = route("regex", m -> m.pathRegex("/.*"));
            Route template = route("template", m -> m.path("/**"));
            assertThat(find(table(pathless, regex, template), "/a")).isEqualTo("template");
            assertThat(find(table(pathless, regex), "/a")).isEqualTo("regex");
            assertThat(find(table(pathless), "/a")).isEqualTo("pathless");
        }

        @Test
        void orderAppliesAcrossTrieAndRegexList() {
            RouteTable<String> t = table(route("template", 5, m -> m.path("/a/b")),
                    route("regex", 1, m -> m.pathRegex("/a/.*")));
            assertThat(find(t, "/a/b")).isEqualTo("regex");
        }

        @Test
        void ranksFollowPrecedenceAndEntriesFollowDeclaration() {
            RouteTable<String> t = table(route("catch-all", m -> m.path("/**")), route("exact", m -> m.path("/a")),
                    route("first", -5, m -> m.methods("GET")));
            assertThat(t.entries()).extracting(RouteTable.Entry::value).containsExactly("catch-all", "exact", "first");
            assertThat(t.entries()).extracting(RouteTable.Entry::rank).containsExactly(2, 1, 0);
            assertThat(t.size()).isEqualTo(3);
        }
    }

    @Nested
    class Definition {

        @Test
        void duplicateIdsFailNamingTheRoute() {
            List<Route> routes = List.of(route("users", m -> m.path("/a")), route("orders", m -> m.path("/b")),
                    route("users", m -> m.path("/c")));
            assertThatExceptionOfType(RouteDefinitionException.class)
                    .isThrownBy(() -> RouteTable.compile(routes, Route::id))
                    .satisfies(ex -> {
                        assertThat(ex.routeId()).isEqualTo("users");
                        assertThat(ex.getMessage()).contains("'users'").contains("duplicate");
                    });
        }

        @Test
        void compilerRunsOncePerRoute() {
            List<String> compiled = new ArrayList<>();
            RouteTable.compile(List.of(route("b", m -> m.path("/**")), route("a", m -> m.path("/a"))), r -> {
                compiled.add(r.id());
                return r.id();
            });
            assertThat(compiled).containsExactlyInAnyOrder("b", "a");
        }

        @Test
        void invalidPatternsFailNamingTheRoute() {
            assertThatExceptionOfType(RouteDefinitionException.class)
                    .isThrownBy(() -> route("bad", m -> m.path("/a/**/b")))
                    .satisfies(ex -> assertThat(ex.routeId()).isEqualTo("bad"));
            assertThatExceptionOfType(RouteDefinitionException.class)
                    .isThrownBy(() -> route("bad-host", m -> m.host("a.*.com")))
                    .withMessageContaining("bad-host");
            assertThatExceptionOfType(RouteDefinitionException.class)
                    .isThrownBy(() -> route("bad-method", m -> m.methods("GE T")))
                    .withMessageContaining("bad-method");
        }

        @Test
        void pathAndRegexTogetherAreRejected() {
            assertThatExceptionOfType(RouteDefinitionException.class)
                    .isThrownBy(() -> route("both", m -> m.path("/a").pathRegex("/a")))
                    .withMessageContaining("both");
        }
    }

    static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
