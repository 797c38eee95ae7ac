package dev.portico.gateway.autoconfigure.properties.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code portico:} example users may copy, the YAML blocks of docs/*.md and the samples' application*.yml,
 * is valid against the schema, so the docs show keys and values that start.
 */
class DocumentationYamlTests {

    private static final Path ROOT = Path.of("..");

    private static final Pattern YAML_BLOCK = Pattern.compile("^```ya?ml\\s*\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);

    @Test
    void docsAndSamplesMatchTheSchema() throws IOException {
        List<String> errors = new ArrayList<>();
        int checked = 0;
        for (Path file : files(ROOT.resolve("docs"), ".md")) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = YAML_BLOCK.matcher(text);
            while (m.find()) {
                String where = ROOT.relativize(file) + ":" + line(text, m.start(1));
                checked += check(where, m.group(1), errors);
            }
        }
        try (Stream<Path> samples = Files.list(ROOT.resolve("samples"))) {
            for (Path sample : samples.toList()) {
                for (Path file : files(sample.resolve("src/main/resources"), ".yml")) {
                    if (file.getFileName().toString().startsWith("application")) {
                        checked += check(ROOT.relativize(file).toString(), Files.readString(file), errors);
                    }
                }
            }
        }
        assertThat(checked).as("portico: sections found").isGreaterThan(30);
        assertThat(errors).as("YAML not matching docs/portico.schema.json").isEmpty();
    }

    /** Validates each document of a YAML text that has a portico: section; returns how many it checked. */
    private static int check(String where, String yaml, List<String> errors) {
        int checked = 0;
        try {
            for (Object document : new Yaml().loadAll(yaml)) {
                if (document instanceof Map<?, ?> map && map.containsKey("portico")) {
                    checked++;
                    PorticoSchema.errors(document).forEach(e -> errors.add(where + ": " + e));
                }
            }
        }
        catch (RuntimeException ex) { // not YAML at all: worth fixing too if it shows portico:
            if (yaml.contains("portico:")) {
                errors.add(where + ": not valid YAML: " + ex.getMessage().lines().findFirst().orElse(""));
            }
        }
        return checked;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
