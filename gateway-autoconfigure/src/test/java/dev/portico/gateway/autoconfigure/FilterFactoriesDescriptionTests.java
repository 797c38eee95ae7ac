package dev.portico.gateway.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.filter.builtin.BuiltinFilters;
import dev.portico.gateway.filter.builtin.StripPrefixFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FilterFactories} remembers what each filter it built was made of, in configuration form. */
class FilterFactoriesDescriptionTests {

    private final FilterFactories factories = factories();

    private static FilterFactories factories() {
        List<GatewayFilterFactory<?>> all = new ArrayList<>(BuiltinFilters.factories());
        all.add(new TagFilterFactory());
        return new FilterFactories(all);
    }

    private FilterDescription describe(FilterSpec spec) {
        GatewayFilter filter = this.factories.create(spec, "r", "portico.routes[0].filters[0]");
        return this.factories.description(filter);
    }

    @Test
    void aShortcutValueIsDescribedByItsPropertyName() {
        assertThat(describe(FilterSpec.of("strip-prefix", "2")))
                .isEqualTo(new FilterDescription("strip-prefix", Map.of("parts", 2)));
    }

    @Test
    void theFullFormIsDescribedWithBoundTypesAndDefaults() {
        FilterDescription tag = describe(FilterSpec.of("tag", Map.of("ttl", "PT90S")));
        assertThat(tag.name()).isEqualTo("tag");
        assertThat(tag.args()).containsExactly(Map.entry("ttl", "90s"), Map.entry("value", "default"));
        assertThat(describe(FilterSpec.of("request-size", "512KB")).args()).containsExactly(Map.entry("max", "512KB"));
    }

    @Test
    void aFilterWithoutConfigurationHasNoArguments() {
        assertThat(describe(FilterSpec.valueOf("preserve-host")))
                .isEqualTo(new FilterDescription("preserve-host", Map.of()));
    }

    @Test
    void whatItDescribesBuildsTheSameFilterAgain() {
        FilterDescription first = describe(FilterSpec.of("rewrite-path", Map.of("regex", "/api/(?<rest>.*)",
                "replacement", "/${rest}")));
        FilterDescription again = describe(FilterSpec.of(first.name(), first.args()));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aFilterBuiltInJavaHasNoDescription() {
        assertThat(this.factories.description(StripPrefixFilter.of(1))).isNull();
    }
}
