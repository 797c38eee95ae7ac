package dev.portico.gateway.response;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.server.Gateway;
import dev.portico.gateway.testing.Problems;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {

    static String body(int status, String title, String detail, String instance, String route) {
        return new String(ProblemResponses.body(status, title, detail, instance, route), StandardCharsets.UTF_8);
    }

    @Test
    void hasTheRfc9457ShapeWithTheRouteAsAnExtension() {
        assertThat(body(502, "Bad Gateway", "upstream 'u' refused", "/api/x", "users")).isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502,"
                        + "\"detail\":\"upstream 'u' refused\",\"instance\":\"/api/x\",\"route\":\"users\"}");
    }

    @Test
    void leavesOutAbsentMembers() {
        String json = new String(ProblemResponses.body(404, "Not Found", null, null, null), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String detail = "say \"hi\" \\ now\n\r\t\u0001\u001f\u2028\u2029 é 😀";
        String json = body(400, "Bad \"Request\"", detail, "/a\"b", "r\\1");
        assertThat(json).contains("\\\"hi\\\"", "\\\\ now", "\\n\\r\\t", "\\u0001\\u001f", "\\u2028\\u2029")
                .doesNotContain("\n", "\r", "\t", "\u0001", "\u2028");
        Map<String, Object> parsed = Problems.parse(json);
        assertThat(parsed).containsEntry("title", "Bad \"Request\"").containsEntry("detail", detail)
                .containsEntry("instance", "/a\"b").containsEntry("route", "r\\1").containsEntry("status", 400);
    }

    @Test
    void isUtf8() {
        byte[] bytes = ProblemResponses.body(400, "Bad Request", "café", null, null);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("café");
        assertThat(bytes).hasSize(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void titlesAreReasonPhrases() {
        assertThat(ProblemResponses.title(404)).isEqualTo("Not Found");
        assertThat(ProblemResponses.title(504)).isEqualTo("Gateway Timeout");
        assertThat(ProblemResponses.CONTENT_TYPE).isEqualTo("application/problem+json");
    }

    @Test
    void extensionMembersFollowTheStandardOnesInOrder() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("errors", List.of(Map.of("pointer", "/a\"b", "detail", "bad\n")));
        properties.put("totalErrors", 21);
        properties.put("ratio", 0.5);
        properties.put("truncated", true);
        String json = new String(ProblemResponses.body(400, "Bad Request", "invalid", "/x", "r", properties),
                StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"invalid\",\"instance\":\"/x\",\"route\":\"r\",\"errors\":[{")
                .endsWith(",\"totalErrors\":21,\"ratio\":0.5,\"truncated\":true}");
        Map<String, Object> parsed = Problems.parse(json);
        assertThat(parsed.get("errors")).isEqualTo(List.of(Map.of("pointer", "/a\"b", "detail", "bad\n")));
        assertThat(parsed).containsEntry("totalErrors", 21).containsEntry("truncated", true);
    }

    @Test
    void emptyCollectionsAreRendered() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("list", List.of());
        properties.put("map", Map.of());
        String json = new String(ProblemResponses.body(400, "Bad Request", null, null, null, properties),
                StandardCharsets.UTF_8);
        assertThat(json).endsWith("\"status\":400,\"list\":[],\"map\":{}}");
    }
}
