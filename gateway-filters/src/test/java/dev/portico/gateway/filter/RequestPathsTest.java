package dev.portico.gateway.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestPathsTest {

    static void assertBadRequest(String rawPath, String detail) {
        assertThatExceptionOfType(GatewayException.class).isThrownBy(() -> RequestPaths.matchPath(rawPath))
                .satisfies(ex -> {
                    assertThat(ex.status()).isEqualTo(400);
                    assertThat(ex.detail()).contains(detail);
                });
    }

    @Test
    void pathWithoutEscapesIsReturnedAsIs() {
        String raw = "/api/users/1";
        assertThat(RequestPaths.matchPath(raw)).isSameAs(raw);
        assertThat(RequestPaths.matchPath("/")).isEqualTo("/");
    }

    @Test
    void percentEscapesAreDecodedForMatching() {
        assertThat(RequestPaths.matchPath("/api/%75sers")).isEqualTo("/api/users");
        assertThat(RequestPaths.matchPath("/a%20b/%7Bx%7d")).isEqualTo("/a b/{x}");
        assertThat(RequestPaths.matchPath("/caf%C3%A9")).isEqualTo("/café");
    }

    @Test
    void encodedSlashStaysInsideItsSegmentUpperCased() {
        assertThat(RequestPaths.matchPath("/a%2Fb")).isEqualTo("/a%2Fb");
        assertThat(RequestPaths.matchPath("/a%2fb/c")).isEqualTo("/a%2Fb/c");
    }

    @Test
    void encodedPercentDoesNotDecodeTwice() {
        // an encoded '%' stays encoded, so an encoded-percent-then-2F never reads as an encoded slash
        assertThat(RequestPaths.matchPath("/a%252Fb")).isEqualTo("/a%252Fb").isNotEqualTo(RequestPaths.matchPath("/a%2Fb"));
        assertThat(RequestPaths.matchPath("/%2575sers")).isEqualTo("/%2575sers");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/.", "/..", "/a/./b", "/a/../b", "/a/..", "/a/.", "/%2e", "/%2E%2e/x", "/a/.%2e/b",
            "/a/%2e./b", "/a/%2e%2E" })
    void dotSegmentsAreRejectedPlainOrEncoded(String raw) {
        assertBadRequest(raw, "'.' or '..'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/...", "/a/.b", "/a/b.", "/.well-known/x", "/%2e%2e%2e", "/..a", "/a/%2ex" })
    void dotsInsideSegmentsAreFine(String raw) {
        assertThat(RequestPaths.matchPath(raw)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/a%", "/a%2", "/a%zz", "/a%2g/b", "/%g0" })
    void malformedEscapesAreRejected(String raw) {
        assertBadRequest(raw, "percent-escape");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/a b", "/a\tb", "/a\nb", "/a\rb", "/a\u0000b", "/a\u007fb", "/a\u0001" })
    void controlAndSpaceCharactersAreRejected(String raw) {
        assertBadRequest(raw, "control");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/a%00b", "/a%0d%0aX-Injected:%20yes", "/a%0Ab", "/a%1fb", "/a%7Fb" })
    void encodedControlCharactersAreRejected(String raw) {
        assertBadRequest(raw, "encoded control character");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a/b", "*", "http://host/a" })
    void targetsNotStartingWithSlashAreRejected(String raw) {
        assertBadRequest(raw, "must start with '/'");
    }
}
