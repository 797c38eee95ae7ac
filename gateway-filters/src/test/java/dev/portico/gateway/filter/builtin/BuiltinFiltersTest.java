package dev.portico.gateway.filter.builtin;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.portico.gateway.filter.GatewayFilterFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinFiltersTest {

    @Test
    void factoryNamesAreUnique() {
        List<String> names = BuiltinFilters.factories().stream().map(GatewayFilterFactory::name).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(names).containsExactlyInAnyOrder("strip-prefix", "prefix-path", "rewrite-path", "set-path",
                "add-request-header", "set-request-header", "remove-request-header", "add-response-header",
                "set-response-header", "remove-response-header", "add-query-parameter", "remove-query-parameter",
                "set-status", "redirect", "request-size", "preserve-host");
    }

    @Test
    void namesAreLowerCaseAndHyphenated() {
        assertThat(BuiltinFilters.factories()).allSatisfy(f -> assertThat(f.name()).matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void shortcutFieldsAreWritableConfigProperties() throws Exception {
        for (GatewayFilterFactory<?> factory : BuiltinFilters.factories()) {
            Set<String> writable = Arrays.stream(Introspector.getBeanInfo(factory.configType()).getPropertyDescriptors())
                    .filter(p -> p.getWriteMethod() != null)
                    .map(PropertyDescriptor::getName)
                    .collect(Collectors.toSet());
            assertThat(writable).as(factory.name()).containsAll(factory.shortcutFields());
        }
    }

    @Test
    void configTypesHaveANoArgumentConstructorForTheBinder() throws Exception {
        for (GatewayFilterFactory<?> factory : BuiltinFilters.factories()) {
            assertThat(factory.configType().getConstructor().newInstance()).as(factory.name()).isNotNull();
        }
    }
}
