package dev.portico.gateway.route;

import java.util.List;

import dev.portico.gateway.route.PathTemplate.SegmentKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PathTemplateTest {

    @Test
    void parsesLiteralVariableWildcardAndCatchAllSegments() {
        PathTemplate t = PathTemplate.parse("/api/{id}/*/**");
        assertThat(t.segmentCount()).isEqualTo(3);
        assertThat(t.kind(0)).isEqualTo(SegmentKind.LITERAL);
        assertThat(t.literal(0)).isEqualTo("api");
        assertThat(t.kind(1)).isEqualTo(SegmentKind.VARIABLE);
        assertThat(t.kind(2)).isEqualTo(SegmentKind.WILDCARD);
        assertThat(t.catchAll()).isTrue();
        assertThat(t.variableNames()).containsExactly("id");
        assertThat(t.literalCount()).isEqualTo(1);
        assertThat(t.source()).isEqualTo("/api/{id}/*/**");
    }

    @Test
    void splitsPathsIntoSegmentsKeepingEmptyOnes() {
        assertThat(PathTemplate.segments("/")).isEmpty();
        assertThat(PathTemplate.segments("/a")).containsExactly("a");
        assertThat(PathTemplate.segments("/a/b/")).containsExactly("a", "b", "");
        assertThat(PathTemplate.segments("//")).containsExactly("", "");
    }

    @Test
    void catchAllMatchesTheBarePrefixATrailingSlashAndDeeperPaths() {
        PathTemplate t = PathTemplate.parse("/api/users/**");
        assertThat(t.matches("/api/users")).isTrue();
        assertThat(t.matches("/api/users/")).isTrue();
        assertThat(t.matches("/api/users/1/x")).isTrue();
        assertThat(t.matches("/api/user")).isFalse();
        assertThat(t.matches("/api/usersx/1")).isFalse();
        assertThat(t.matches("/api")).isFalse();
    }

    @Test
    void fixedTemplatesMatchExactlyTheirSegmentCount() {
        PathTemplate t = PathTemplate.parse("/a/{x}");
        assertThat(t.matches("/a/1")).isTrue();
        assertThat(t.matches("/a")).isFalse();
        assertThat(t.matches("/a/")).isFalse();
        assertThat(t.matches("/a/1/")).isFalse();
        assertThat(t.matches("/a/1/2")).isFalse();
    }

    @Test
    void rootTemplates() {
        assertThat(PathTemplate.parse("/").matches("/")).isTrue();
        assertThat(PathTemplate.parse("/").matches("/a")).isFalse();
        assertThat(PathTemplate.parse("/**").matches("/")).isTrue();
        assertThat(PathTemplate.parse("/**").matches("/a/b")).isTrue();
    }

    @Test
    void variablesAndWildcardsNeedANonEmptySegment() {
        assertThat(PathTemplate.parse("/a/*/c").matches("/a//c")).isFalse();
        assertThat(PathTemplate.parse("/a/{b}/c").matches("/a//c")).isFalse();
        assertThat(PathTemplate.parse("/a/{b}/c").matches("/a/%2F/c")).isTrue();
    }

    @Test
    void literalsAreCaseSensitive() {
        assertThat(PathTemplate.parse("/Users").matches("/users")).isFalse();
    }

    @Test
    void extractsVariablesFromTheRawPath() {
        PathTemplate t = PathTemplate.parse("/{svc}/items/{id}/**");
        assertThat(t.extract("/a%2Fb/items/7/x/y")).containsExactly(java.util.Map.entry("svc", "a%2Fb"),
                java.util.Map.entry("id", "7"));
        assertThat(PathTemplate.parse("/static/**").extract("/static/x")).isEmpty();
    }

    @Test
    void rejectsMalformedPatternsNamingTheFault() {
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("api")).withMessageContaining("'/'");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse(""));
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/a/**/b"))
                .withMessageContaining("'**'");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/a{b}"))
                .withMessageContaining("path-regex");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/a*"));
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{a b}"))
                .withMessageContaining("{a b}");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{id}/{id}"))
                .withMessageContaining("twice");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{}"));
    }

    @Test
    void equalityFollowsTheSource() {
        assertThat(PathTemplate.parse("/a/{b}")).isEqualTo(PathTemplate.parse("/a/{b}"))
                .hasSameHashCodeAs(PathTemplate.parse("/a/{b}"))
                .isNotEqualTo(PathTemplate.parse("/a/{c}"));
        assertThat(List.of(PathTemplate.parse("/x")).toString()).contains("/x");
    }
}
