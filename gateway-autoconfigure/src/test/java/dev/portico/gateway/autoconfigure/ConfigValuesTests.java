package dev.portico.gateway.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigValuesTests {

    @Test
    void durationsTakeTheLargestExactUnit() {
        assertThat(ConfigValues.duration(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(ConfigValues.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ConfigValues.duration(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(ConfigValues.duration(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(ConfigValues.duration(Duration.ofNanos(1500))).isEqualTo("1500ns");
        assertThat(ConfigValues.duration(Duration.ZERO)).isEqualTo("0s");
        assertThat(ConfigValues.duration(Duration.ofDays(1_000_000))).isEqualTo("PT24000000H");
    }

    @Test
    void durationsReadBackAsTheSameValue() {
        for (Duration d : List.of(Duration.ofMillis(1500), Duration.ofNanos(7), Duration.ofDays(3), Duration.ZERO)) {
            assertThat(DurationStyle.detectAndParse(ConfigValues.duration(d))).isEqualTo(d);
        }
    }

    @Test
    void dataSizesTakeTheLargestExactBinaryUnit() {
        assertThat(ConfigValues.dataSize(64 * 1024)).isEqualTo("64KB");
        assertThat(ConfigValues.dataSize(5L << 20)).isEqualTo("5MB");
        assertThat(ConfigValues.dataSize(1L << 40)).isEqualTo("1TB");
        assertThat(ConfigValues.dataSize(1000)).isEqualTo("1000B");
        assertThat(ConfigValues.dataSize(0)).isEqualTo("0B");
        assertThat(DataSize.parse(ConfigValues.dataSize(3L << 30))).isEqualTo(DataSize.ofGigabytes(3));
    }

    @Test
    void aJavaBeanIsItsSettablePropertiesInKebabCaseWithoutNulls() {
        Bean bean = new Bean();
        bean.setMaxWait(Duration.ofSeconds(3));
        bean.setUnit(TimeUnit.MILLISECONDS);
        bean.getTags().add("a");
        assertThat(ConfigValues.properties(bean)).containsExactly(
                Map.entry("max-size", "1MB"),
                Map.entry("max-wait", "3s"),
                Map.entry("nested", Map.of("target", "http://example.com")),
                Map.entry("tags", List.of("a")),
                Map.entry("unit", "milliseconds"));
    }

    @Test
    void aRecordIsItsComponentsInOrder() {
        assertThat(ConfigValues.properties(new Pair("x", 2))).containsExactly(Map.entry("first-name", "x"),
                Map.entry("count", 2));
    }

    @Test
    void whatItWritesBindsBackToAnEqualConfig() {
        Bean bean = new Bean();
        bean.setMaxWait(Duration.ofMillis(250));
        bean.setUnit(TimeUnit.SECONDS);
        bean.getTags().addAll(List.of("a", "b"));
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        flat.put("c.max-size", ConfigValues.properties(bean).get("max-size"));
        flat.put("c.max-wait", ConfigValues.properties(bean).get("max-wait"));
        flat.put("c.unit", ConfigValues.properties(bean).get("unit"));
        flat.put("c.tags", String.join(",", bean.getTags()));
        Bean bound = new Binder(new MapConfigurationPropertySource(flat)).bind("c", Bindable.of(Bean.class)).get();
        assertThat(bound.getMaxWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(bound.getMaxSize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(bound.getUnit()).isEqualTo(TimeUnit.SECONDS);
        assertThat(bound.getTags()).containsExactly("a", "b");
    }

    record Pair(String firstName, int count) {
    }

    public static class Bean {

        private DataSize maxSize = DataSize.ofMegabytes(1);
        private Duration maxWait;
        private TimeUnit unit;
        private String unset;
        private final List<String> tags = new java.util.ArrayList<>();
        private final Nested nested = new Nested();

        public DataSize getMaxSize() {
            return this.maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }

        public Duration getMaxWait() {
            return this.maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

        public TimeUnit getUnit() {
            return this.unit;
        }

        public void setUnit(TimeUnit unit) {
            this.unit = unit;
        }

        public String getUnset() {
            return this.unset;
        }

        public void setUnset(String unset) {
            this.unset = unset;
        }

        /** Bound into through its getter. */
        public List<String> getTags() {
            return this.tags;
        }

        public Nested getNested() {
            return this.nested;
        }

        /** Derived, not settable: binding it back would fail, so it is not shown. */
        public boolean isSet() {
            return this.maxWait != null;
        }
    }

    public static class Nested {

        private URI target = URI.create("http://example.com");

        public URI getTarget() {
            return this.target;
        }

        public void setTarget(URI target) {
            this.target = target;
        }
    }
}
