package dev.portico.gateway.internal;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentMapTest {

    @Test
    void looksUpByARegionOfALargerString() {
        SegmentMap<Integer> map = new SegmentMap<>(Map.of("api", 1, "users", 2));
        String path = "/api/users/me";
        assertThat(map.get(path, 1, 4)).isEqualTo(1);
        assertThat(map.get(path, 5, 10)).isEqualTo(2);
        assertThat(map.get(path, 11, 13)).isNull();
        assertThat(map.get(path, 1, 3)).isNull(); // "ap": a prefix is not the key
        assertThat(map.get(path, 0, 4)).isNull(); // "/api"
    }

    @Test
    void emptyMapAndEmptyKey() {
        assertThat(new SegmentMap<String>(Map.of()).get("abc", 0, 3)).isNull();
        assertThat(new SegmentMap<String>(Map.of()).get("abc", 1, 1)).isNull();
        SegmentMap<String> withEmpty = new SegmentMap<>(Map.of("", "empty", "a", "a"));
        assertThat(withEmpty.get("/a/", 3, 3)).isEqualTo("empty");
        assertThat(withEmpty.get("/a/", 1, 2)).isEqualTo("a");
    }

    @Test
    void keysWithCollidingHashesAreToldApart() {
        // "Aa" and "BB" have the same String.hashCode
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        SegmentMap<String> map = new SegmentMap<>(Map.of("Aa", "first", "BB", "second", "AaBB", "third"));
        assertThat(map.get("xAay", 1, 3)).isEqualTo("first");
        assertThat(map.get("xBBy", 1, 3)).isEqualTo("second");
        assertThat(map.get("AaBB", 0, 4)).isEqualTo("third");
        assertThat(map.get("BBAa", 0, 4)).isNull();
        assertThat(map.get("Ab", 0, 2)).isNull();
    }

    @Test
    void manyKeysAllFound() {
        Map<String, Integer> entries = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            entries.put("seg" + i, i);
        }
        SegmentMap<Integer> map = new SegmentMap<>(entries);
        for (int i = 0; i < 1000; i++) {
            String text = "/x/seg" + i + "/y";
            assertThat(map.get(text, 3, text.length() - 2)).isEqualTo(i);
        }
        assertThat(map.get("seg1000", 0, 7)).isNull();
    }
}
