package dev.portico.gateway.autoconfigure.properties.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portico.gateway.autoconfigure.properties.PorticoNamespace;
import dev.portico.gateway.autoconfigure.properties.PropertyShape;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.filter.builtin.BuiltinFilters;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated schema: a valid draft-07 schema, in step with its copy in docs/, flagging what startup rejects, and
 * the hand-written IDE metadata in step with the built-in filters.
 */
class SchemaFileTests {

    private static final Path DOCS_COPY = Path.of("..", "docs", "portico.schema.json");

    @Test
    void docsCopyIsTheGeneratedSchema() throws IOException {
        assertThat(Files.readString(DOCS_COPY, StandardCharsets.UTF_8))
                .as("docs/portico.schema.json is stale; it is generated, not edited: after a build run%n"
                        + "  cp gateway-autoconfigure/target/classes%s docs/portico.schema.json", PorticoSchema.RESOURCE)
                .isEqualTo(PorticoSchema.text());
    }

    @Test
    void isAValidDraft07Schema() {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        assertThat(meta.validate(PorticoSchema.JSON.readTree(PorticoSchema.text()))).isEmpty();
    }

    @Test
    void flagsMisspelledKeysAndValuesOutsideTheirSetOnlyInThePorticoSection() {
        assertThat(PorticoSchema.errors(new Yaml().load("""
                server:
                  anything: goes   # only portico: is checked
                portico:
                  rutes: []
                  routes:
                    - id: users
                      uri: http://127.0.0.1:9001
                      mtach:
                        path: /api/**
                      filters:
                        - strip-prefix: 1
                        - audit                 # a custom filter
                        - { a: 1, b: 2 }
                  upstreams:
                    users:
                      protocol: http2
                      nodes:
                        - uri: http://127.0.0.1:9001
                          weight: ${WEIGHT}
                """)).stream().map(e -> e.substring(0, e.indexOf(':'))).distinct()).containsExactlyInAnyOrder(
                "/portico", "/portico/routes/0", "/portico/routes/0/filters/2", "/portico/upstreams/users/protocol");
    }

    @Test
    void everyValueSetNamesAProperty() {
        Set<String> names = new HashSet<>();
        collect(PorticoNamespace.shape(getClass().getClassLoader()), names);
        assertThat(names).containsAll(ValueSets.PATTERNS.keySet());
    }

    private static void collect(PropertyShape shape, Set<String> names) {
        shape.properties().values().forEach(p -> {
            names.add(p.name());
            collect(p.shape(), names);
        });
        if (shape.element() != null) {
            collect(shape.element(), names);
        }
    }

    @Test
    void metadataHintsNameEveryBuiltinFilter() {
        JsonNode metadata = PorticoSchema.JSON.readTree(getClass()
                .getResourceAsStream("/META-INF/additional-spring-configuration-metadata.json"));
        List<String> builtins = BuiltinFilters.factories().stream().map(GatewayFilterFactory::name).sorted().toList();
        List<String> hinted = new ArrayList<>();
        for (JsonNode hint : metadata.get("hints")) {
            List<String> values = new ArrayList<>();
            hint.get("values").forEach(v -> values.add(v.get("value").asString()));
            assertThat(values).as(hint.get("name").asString()).containsExactlyInAnyOrderElementsOf(builtins);
            hinted.add(hint.get("name").asString());
        }
        assertThat(hinted).containsExactlyInAnyOrder("portico.global-filters", "portico.default-filters");
    }
}
