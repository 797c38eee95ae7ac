package dev.portico.gateway.autoconfigure.properties.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The schema as shipped in the jar (written by the build's process-classes step), compiled once for the tests. */
final class PorticoSchema {

    static final String RESOURCE = "/META-INF/portico/portico.schema.json";

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(JSON.readTree(text()));

    private PorticoSchema() {
    }

    static String text() {
        try (InputStream in = PorticoSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: the build's process-classes step writes it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A document (a parsed YAML file: only its portico: section is constrained) checked against the schema. */
    static List<String> errors(Object yaml) {
        JsonNode node = JSON.valueToTree(yaml);
        return SCHEMA.validate(node).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
