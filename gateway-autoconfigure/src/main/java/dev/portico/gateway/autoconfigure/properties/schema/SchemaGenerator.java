package dev.portico.gateway.autoconfigure.properties.schema;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.portico.gateway.autoconfigure.properties.EnumValues;
import dev.portico.gateway.autoconfigure.properties.PorticoNamespace;
import dev.portico.gateway.autoconfigure.properties.PropertyShape.Kind;
import dev.portico.gateway.autoconfigure.properties.PropertyShape;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.filter.builtin.BuiltinFilters;
import dev.portico.gateway.security.SecurityFilters;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the JSON Schema (draft-07, what the VS Code YAML extension and IntelliJ both implement fully) of an
 * {@code application.yml}'s {@code portico:} section, from the properties classes: kebab-case keys,
 * {@code additionalProperties: false} so the editor flags a misspelled key as startup would, descriptions from the
 * Javadoc, defaults from the classes' initializers, enums for fixed value sets and the built-in filters with their
 * arguments. Runs in the build ({@code process-classes}, see the module's pom):
 *
 * <pre>
 * java ... SchemaGenerator &lt;output.json&gt; &lt;source root&gt;...
 * </pre>
 */
public final class SchemaGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A {@code ${...}} placeholder, which Boot resolves before converting, so any typed value may be one. */
    private static final String PLACEHOLDER = "\\$\\{.+\\}";

    /** Boot's duration and data size forms: 5s, 500ms, 10MB, a bare number, or ISO-8601 for durations. */
    private static final String AMOUNT = "[+-]?[0-9]+[a-zA-Z]{0,2}";

    private static final String FILTER = "filter";

    private final JavadocIndex docs;

    private final Map<String, ObjectNode> definitions = new TreeMap<>();

    private SchemaGenerator(JavadocIndex docs) {
        this.docs = docs;
    }

    /** Arguments: the output file, then the source roots whose Javadoc becomes the descriptions. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: SchemaGenerator <output.json> <source root>...");
        }
        List<Path> roots = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            roots.add(Path.of(args[i]));
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, generate(SchemaGenerator.class.getClassLoader(), roots), StandardCharsets.UTF_8);
    }

    /** The schema as pretty-printed JSON, ending with a newline (stable: keys sorted). */
    public static String generate(ClassLoader classLoader, List<Path> sourceRoots) {
        SchemaGenerator generator = new SchemaGenerator(JavadocIndex.read(sourceRoots));
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", "Portico gateway configuration");
        root.put("description", "The portico: section of a Spring Boot application.yml. Other sections are not"
                + " checked. Generated from the properties classes; see docs/configuration.md.");
        root.put("type", "object");
        ObjectNode portico = generator.schema(PorticoNamespace.shape(classLoader), PorticoNamespace.PREFIX);
        root.putObject("properties").set(PorticoNamespace.PREFIX, portico);
        generator.definitions.put(FILTER, generator.filter());
        ObjectNode definitions = root.putObject("definitions");
        generator.definitions.forEach(definitions::set);
        String text = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root);
        return text.replace("\r\n", "\n") + "\n";
    }

    private ObjectNode schema(PropertyShape shape, String name) {
        return switch (shape.kind()) {
            case OBJECT -> ref(definition(shape));
            case LIST -> {
                PropertyShape element = shape.element();
                ObjectNode s = NODES.objectNode();
                if (element.kind() == Kind.SCALAR) {
                    s.set("type", NODES.arrayNode().add("array").add("string")); // Boot also splits "a, b"
                }
                else {
                    s.put("type", "array");
                }
                s.set("items", schema(element, name));
                yield s;
            }
            case MAP -> {
                ObjectNode s = NODES.objectNode().put("type", "object");
                s.set("additionalProperties", schema(shape.element(), name));
                yield s;
            }
            case ANY -> NODES.objectNode().put("type", "object");
            case FILTER -> ref(FILTER);
            case SCALAR -> scalar(shape.type(), name);
        };
    }

    private String definition(PropertyShape shape) {
        Class<?> type = shape.type();
        String key = ClassUtils.getShortName(type); // e.g. RouteProperties, SplitProperties.Target: unique and readable
        if (this.definitions.containsKey(key)) {
            return key;
        }
        ObjectNode def = NODES.objectNode();
        this.definitions.put(key, def); // before the properties, so a type used twice is defined once
        def.put("type", "object");
        String doc = this.docs.type(type);
        if (doc != null) {
            def.put("description", doc);
        }
        Object defaults = instantiate(type);
        ObjectNode properties = def.putObject("properties");
        for (PropertyShape.Property p : shape.properties().values()) {
            ObjectNode s = schema(p.shape(), p.name());
            String description = this.docs.field(p.declaringClass(), p.javaName());
            if (s.has("$ref")) { // draft-07 ignores keywords beside $ref
                s = NODES.objectNode().set("allOf", NODES.arrayNode().add(s));
            }
            if (description != null) {
                s.put("description", description);
            }
            Object value = defaults == null ? null : read(defaults, p.javaName());
            if (value != null && (p.shape().kind() == Kind.SCALAR || p.shape().kind() == Kind.LIST)) {
                s.set("default", json(value));
            }
            properties.set(p.name(), s);
        }
        def.put("additionalProperties", false);
        return key;
    }

    private static ObjectNode ref(String definition) {
        return NODES.objectNode().put("$ref", "#/definitions/" + definition);
    }

    private static ObjectNode scalar(Class<?> type, String name) {
        Class<?> t = ClassUtils.resolvePrimitiveIfNecessary(type);
        if (t == Boolean.class) {
            return typed("boolean", "true|false");
        }
        if (t == Integer.class || t == Long.class || t == Short.class || t == Byte.class) {
            return typed("integer", "-?[0-9]+");
        }
        if (Number.class.isAssignableFrom(t)) {
            return typed("number", "-?[0-9]+(\\.[0-9]+)?");
        }
        if (t == Duration.class) {
            return typed("integer", AMOUNT + "|[+-]?[pP].+");
        }
        if (t == DataSize.class) {
            return typed("integer", AMOUNT);
        }
        List<String> values = null;
        if (t.isEnum()) {
            values = EnumValues.accepted(t); // what binds: the configuration form and the Java name
        }
        else if (t == String.class) {
            String pattern = ValueSets.patternFor(name);
            if (pattern != null) {
                return NODES.objectNode().put("type", "string").put("pattern", "^(" + pattern + "|" + PLACEHOLDER + ")$");
            }
        }
        if (values != null) {
            ArrayNode constants = NODES.arrayNode();
            values.forEach(constants::add);
            ObjectNode placeholder = NODES.objectNode().put("type", "string").put("pattern", "^" + PLACEHOLDER + "$");
            return NODES.objectNode().set("anyOf",
                    NODES.arrayNode().add(NODES.objectNode().set("enum", constants)).add(placeholder));
        }
        return NODES.objectNode().put("type", "string");
    }

    /** A JSON type, or a string of the given form (as Boot converts "5" and "true") or a placeholder. */
    private static ObjectNode typed(String jsonType, String stringForm) {
        ObjectNode s = NODES.objectNode();
        s.set("type", NODES.arrayNode().add(jsonType).add("string"));
        s.put("pattern", "^(" + stringForm + "|" + PLACEHOLDER + ")$"); // applies to strings only
        return s;
    }

    /** A filter entry: a name, or a single-key map of the name to its arguments. */
    private ObjectNode filter() {
        ArrayNode names = NODES.arrayNode();
        ObjectNode withArguments = NODES.objectNode().put("type", "object").put("minProperties", 1)
                .put("maxProperties", 1);
        ObjectNode builtins = withArguments.putObject("properties");
        List<GatewayFilterFactory<?>> factories = new ArrayList<>(BuiltinFilters.factories());
        // the security module's self-contained filters (cors, ip-restriction, …); key-auth, basic-auth and jwt need
        // collaborators to be created and stay described as custom filters
        factories.addAll(SecurityFilters.factories());
        factories.sort((a, b) -> a.name().compareTo(b.name()));
        for (GatewayFilterFactory<?> factory : factories) {
            names.add(factory.name());
            builtins.set(factory.name(), arguments(factory));
        }
        withArguments.put("additionalProperties", true); // a custom filter: a GatewayFilterFactory bean
        ObjectNode name = NODES.objectNode().put("type", "string");
        name.set("anyOf", NODES.arrayNode().add(NODES.objectNode().set("enum", names))
                .add(NODES.objectNode().put("pattern", "^[A-Za-z0-9][A-Za-z0-9-]*$")));
        ObjectNode filter = NODES.objectNode();
        filter.put("description", "A filter: its name ('- preserve-host'), or a map of its name to its arguments"
                + " ('- strip-prefix: 1', '- add-request-header: { name: X-Source, value: edge }'). Names besides"
                + " the built-in ones are custom GatewayFilterFactory beans. See docs/filters/README.md.");
        filter.set("anyOf", NODES.arrayNode().add(name).add(withArguments));
        return filter;
    }

    private ObjectNode arguments(GatewayFilterFactory<?> factory) {
        ArrayNode forms = NODES.arrayNode().add(NODES.objectNode().put("type", "null"));
        if (!factory.shortcutFields().isEmpty()) {
            forms.add(NODES.objectNode().set("type", NODES.arrayNode().add("string").add("number").add("boolean")));
        }
        if (factory.configType() != GatewayFilterFactory.NoConfig.class) {
            forms.add(schema(PropertyShape.of(factory.configType()), factory.name()));
        }
        ObjectNode s = NODES.objectNode();
        s.put("description", "See docs/filters/" + factory.name() + ".md."
                + (factory.shortcutFields().isEmpty() ? ""
                        : " Shortcut value: " + String.join(", ", factory.shortcutFields()) + "."));
        s.set("anyOf", forms);
        return s;
    }

    private static @Nullable Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            return null; // no defaults for types without a no-arg constructor (records, constructor binding)
        }
    }

    private static @Nullable Object read(Object bean, String property) {
        PropertyDescriptor d = BeanUtils.getPropertyDescriptor(bean.getClass(), property);
        if (d == null || d.getReadMethod() == null) {
            return null;
        }
        try {
            return d.getReadMethod().invoke(bean);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot read the default of " + property, ex);
        }
    }

    private static tools.jackson.databind.JsonNode json(Object value) {
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (value instanceof Duration d) {
            return NODES.stringNode(duration(d));
        }
        if (value instanceof Collection<?> c) {
            ArrayNode array = NODES.arrayNode();
            c.forEach(v -> array.add(json(v)));
            return array;
        }
        if (value instanceof Enum<?> e) {
            return NODES.stringNode(EnumValues.form(e));
        }
        return NODES.stringNode(value.toString());
    }

    /** 30s rather than PT30S: the form the docs use. */
    private static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
