package dev.portico.gateway.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GatewayExceptionTest {

    static final GatewayException BAD = new GatewayException(400, "Bad Request", "invalid");

    @Test
    void propertiesAreAddedInOrderOnACopy() {
        GatewayException e = BAD.withProperty("errors", List.of(Map.of("pointer", "/a"))).withProperty("count", 3);
        assertThat(e.properties()).containsExactly(Map.entry("errors", List.of(Map.of("pointer", "/a"))),
                Map.entry("count", 3));
        assertThat(BAD.properties()).isEmpty();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.title()).isEqualTo("Bad Request");
        assertThat(e.detail()).isEqualTo("invalid");
    }

    @Test
    void headersAndPropertiesSurviveEachOther() {
        GatewayException e = BAD.withProperty("a", "1").withHeader("Retry-After", "5").withProperty("b", true);
        assertThat(e.headers()).containsEntry("Retry-After", "5");
        assertThat(e.properties()).containsOnlyKeys("a", "b");
    }

    @Test
    void addingANameAgainReplacesItsValue() {
        assertThat(BAD.withProperty("a", 1).withProperty("a", 2).properties()).containsExactly(Map.entry("a", 2));
    }

    @Test
    void valuesAreCopied() {
        List<Object> list = new ArrayList<>(List.of("x"));
        Map<String, Object> map = new LinkedHashMap<>(Map.of("k", list));
        GatewayException e = BAD.withProperty("m", map);
        list.add("y");
        map.put("other", 1);
        assertThat(e.properties().get("m")).isEqualTo(Map.of("k", List.of("x")));
    }

    @Test
    void reservedAndEmptyNamesAreRefused() {
        for (String name : List.of("type", "title", "status", "detail", "instance", "route", "")) {
            assertThatIllegalArgumentException().isThrownBy(() -> BAD.withProperty(name, "x"))
                    .withMessageContaining("problem property name: '" + name + "'");
        }
    }

    @Test
    void unsupportedValuesAreRefusedWithTheirPath() {
        assertThatIllegalArgumentException().isThrownBy(() -> BAD.withProperty("a", new Object()))
                .withMessageContaining("problem property a: java.lang.Object");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BAD.withProperty("a", List.of(Map.of("k", Double.NaN))))
                .withMessageStartingWith("problem property a[0].k: NaN (expected: a finite number");
        assertThatIllegalArgumentException().isThrownBy(() -> BAD.withProperty("a", Map.of(1, "x")))
                .withMessageContaining("key 1 (expected: string keys)");
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatIllegalArgumentException().isThrownBy(() -> BAD.withProperty("a", withNull))
                .withMessageContaining("problem property a[0]: null");
    }
}
