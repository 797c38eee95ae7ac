package dev.portico.gateway.filter.builtin;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RewritePathFilterTest {

    @Test
    void rewritesWithNamedGroup() {
        GatewayExchange exchange = Exchanges.get("/legacy/a/b?q=1");
        RewritePathFilter.of("/legacy/(?<rest>.*)", "/v2/${rest}").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/v2/a/b");
        assertThat(exchange.upstreamQuery()).isEqualTo("q=1");
    }

    @Test
    void acceptsYamlSafeGroupSpelling() {
        GatewayExchange exchange = Exchanges.get("/legacy/a");
        RewritePathFilter.of("/legacy/(?<rest>.*)", "/v2/$\\{rest}").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/v2/a");
    }

    @Test
    void rewritesWithNumberedGroupsAndEscapedDollar() {
        GatewayExchange exchange = Exchanges.get("/x/12/y");
        RewritePathFilter.of("/x/(\\d+)/(\\w+)", "/$2/\\$$1").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/y/$12");
    }

    @Test
    void replacesEveryMatchLikeReplaceAll() {
        GatewayExchange exchange = Exchanges.get("/a-b/c-d");
        RewritePathFilter.of("-", "_").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/a_b/c_d");
        assertThat(exchange.upstreamPath()).isEqualTo("/a-b/c-d".replaceAll("-", "_"));
    }

    @Test
    void leavesPathAloneWhenNothingMatches() {
        GatewayExchange exchange = Exchanges.get("/other");
        RewritePathFilter.of("/legacy/(?<rest>.*)", "/v2/${rest}").apply(exchange);
        assertThat(exchange.upstreamPath()).isSameAs(exchange.rawPath());
    }

    @Test
    void appliesToTheRawEncodedPath() {
        GatewayExchange exchange = Exchanges.get("/files/a%20b");
        RewritePathFilter.of("/files/(?<name>.*)", "/blob/${name}").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/blob/a%20b");
    }

    @Test
    void emptyReplacementRemovesMatches() {
        GatewayExchange exchange = Exchanges.get("/api/v1/users");
        RewritePathFilter.of("/v1", "").apply(exchange);
        assertThat(exchange.upstreamPath()).isEqualTo("/api/users");
    }

    @Test
    void resultWithoutLeadingSlashIsA500NamingTheRewrite() {
        GatewayExchange exchange = Exchanges.get("/api/users");
        RewritePathFilter filter = RewritePathFilter.of("^/api/(?<rest>.*)", "${rest}");
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> filter.apply(exchange))
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(500))
                .withMessageContaining("turned '/api/users' into 'users'")
                .withMessageContaining("expected: a path starting with '/'");
    }

    @Test
    void resultWithDotSegmentIsABadRequest() {
        GatewayExchange exchange = Exchanges.get("/.x.");
        RewritePathFilter filter = RewritePathFilter.of("x", "");
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> filter.apply(exchange))
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(400));
    }

    @Test
    void rejectsInvalidRegex() {
        assertThatIllegalArgumentException().isThrownBy(() -> RewritePathFilter.of("/(unclosed", "/"))
                .withMessageStartingWith("regex: '/(unclosed' (expected: a Java regular expression): Unclosed group");
    }

    @Test
    void rejectsReferencesToGroupsTheRegexLacks() {
        assertThatIllegalArgumentException().isThrownBy(() -> RewritePathFilter.of("/(?<a>.*)", "/${b}"))
                .withMessage("replacement: '/${b}' refers to group 'b' (expected one of the regex's named groups [a])");
        assertThatIllegalArgumentException().isThrownBy(() -> RewritePathFilter.of("/(.*)", "/$2"))
                .withMessage("replacement: '/$2' refers to group 2 (expected: at most 1, the regex's group count)");
        assertThatIllegalArgumentException().isThrownBy(() -> RewritePathFilter.of("/(.*)", "/$x"))
                .withMessageStartingWith("replacement: '/$x' has '$' at index 1 without a group");
        assertThatIllegalArgumentException().isThrownBy(() -> RewritePathFilter.of("/(.*)", "/a\\"))
                .withMessageStartingWith("replacement: '/a\\' ends with '\\'");
    }

    @Test
    void rejectsReplacementTextThatIsNotAPath() {
        assertThatIllegalArgumentException().isThrownBy(() -> RewritePathFilter.of("/(.*)", "/$1?x=1"))
                .withMessageStartingWith("replacement: '/$1?x=1' contains '?'");
    }

    @Test
    void factoryBindsRegexAndReplacement() {
        RewritePathFilter.Factory factory = new RewritePathFilter.Factory();
        assertThat(factory.name()).isEqualTo("rewrite-path");
        assertThat(factory.shortcutFields()).containsExactly("regex", "replacement");
        RewritePathFilter.Factory.Config config = new RewritePathFilter.Factory.Config();
        assertThatIllegalArgumentException().isThrownBy(() -> factory.create(config))
                .withMessageStartingWith("regex: null (expected:");
        config.setRegex("/old/(?<rest>.*)");
        config.setReplacement("/new/${rest}");
        assertThat(factory.create(config)).hasToString("RewritePathFilter[regex=/old/(?<rest>.*), replacement=/new/${rest}]");
    }
}
