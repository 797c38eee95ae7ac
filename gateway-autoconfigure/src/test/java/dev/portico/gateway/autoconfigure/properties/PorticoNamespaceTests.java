package dev.portico.gateway.autoconfigure.properties;

import java.util.List;

import dev.portico.gateway.autoconfigure.ConsumersProperties;
import dev.portico.gateway.autoconfigure.PorticoProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PorticoNamespaceTests {

    @Test
    void classesSharingAPrefixAreMergedNotDropped() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(PorticoNamespace.classes(loader).get("portico"))
                .isEqualTo(List.of(PorticoProperties.class, ConsumersProperties.class)); // the larger class first
        PropertyShape shape = PorticoNamespace.shape(loader);
        assertThat(shape.type()).isEqualTo(PorticoProperties.class);
        assertThat(shape.properties()).containsKeys("routes", "upstreams", "consumers");
        assertThat(shape.properties().get("consumers").declaringClass()).isEqualTo(ConsumersProperties.class);
    }
}
