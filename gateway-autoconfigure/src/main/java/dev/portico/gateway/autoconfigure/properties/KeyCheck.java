package dev.portico.gateway.autoconfigure.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Checks every {@code portico.*} key of the property sources against the {@link PropertyShape} of the namespace.
 *
 * <p>Boot's own {@code NoUnboundElementsBindHandler} ({@code ignoreUnknownFields = false}) misses keys nested below
 * the first list index: it takes {@code portico.routes[0].match.pth} for an element overridden by another property
 * source because {@code portico.routes[0].match} was bound. Walking the shape has no such blind spot, and it knows
 * what is allowed at the parent, so the report can list it and suggest the closest key.
 *
 * <p>List elements that are known keys but were dropped (an index gap, {@code routes[1]} without {@code routes[0]})
 * Boot reports itself; {@link #dropped} explains them.
 */
public final class KeyCheck {

    private final PropertyShape root;

    public KeyCheck(PropertyShape root) {
        this.root = root;
    }

    /** Problems of the keys at or below {@code under} in the sources, one per property name. */
    public List<KeyProblem> check(ConfigurationPropertyName under, Iterable<ConfigurationPropertySource> sources) {
        Map<String, KeyProblem> problems = new TreeMap<>();
        for (ConfigurationPropertySource source : sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean benign = isBenign(source);
            iterable.stream().filter(under::isAncestorOf).forEach(name -> {
                KeyProblem problem = walk(name, benign);
                if (problem != null) {
                    problems.putIfAbsent(name.toString(), withValue(problem, source.getConfigurationProperty(name)));
                }
            });
        }
        return new ArrayList<>(problems.values());
    }

    /** The problem of one key, or {@code null} when the namespace has it. */
    public @Nullable KeyProblem check(ConfigurationProperty property) {
        KeyProblem problem = walk(property.getName(), false);
        return problem == null ? null : withValue(problem, property);
    }

    /** Why a key the namespace has was left unbound by Boot: it belongs to a list element that was not bound. */
    public static KeyProblem dropped(ConfigurationProperty property) {
        return withValue(new KeyProblem(property.getName().toString(), null, null,
                "this list element was not bound: Spring Boot binds list elements from [0] up to the first missing"
                        + " index, and takes a whole list from one property source",
                "number the elements from [0] without gaps, in one property source (or file)"), property);
    }

    /** Sources that hold other programs' variables too (PORTICO_SERVICE_HOST from a Kubernetes service link). */
    private static boolean isBenign(ConfigurationPropertySource source) {
        Object underlying = source.getUnderlyingSource();
        if (underlying instanceof SystemEnvironmentPropertySource) {
            return true;
        }
        return underlying instanceof PropertySource<?> ps
                && (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(ps.getName())
                        || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(ps.getName()));
    }

    private static KeyProblem withValue(KeyProblem p, @Nullable ConfigurationProperty property) {
        return property == null ? p
                : new KeyProblem(p.property(), property.getValue(), property.getOrigin(), p.problem(), p.fix());
    }

    /** {@code [0]}, or {@code 0} as in {@code portico.routes.0.id} and PORTICO_ROUTES_0_ID. */
    private static boolean isIndex(ConfigurationPropertyName name, int i) {
        String element = name.getElement(i, Form.UNIFORM);
        return name.isNumericIndex(i) || (!element.isEmpty() && element.chars().allMatch(Character::isDigit));
    }

    private @Nullable KeyProblem walk(ConfigurationPropertyName name, boolean benign) {
        PropertyShape node = this.root;
        for (int i = 1; i < name.getNumberOfElements(); i++) { // element 0 is "portico"
            ConfigurationPropertyName parent = name.chop(i);
            String key = name.getElement(i, Form.ORIGINAL);
            switch (node.kind()) {
                case OBJECT -> {
                    PropertyShape.Property property = node.property(key);
                    if (property == null) {
                        // PORTICO_SERVICE_HOST is not ours; PORTICO_ROUTES_0_MTACH_PATH is
                        return benign && i == 1 ? null : unknown(name, i, node);
                    }
                    node = property.shape();
                }
                case LIST -> {
                    if (!isIndex(name, i)) {
                        return new KeyProblem(name.toString(), null, null,
                                parent + " is a list, so '" + key + "' must be an index",
                                "write " + parent + "[0]." + key + " (YAML: a '- ' list item)");
                    }
                    node = node.element();
                }
                case MAP -> node = node.element(); // any key names an entry
                case ANY, FILTER -> {
                    return null; // free keys; filter entries are checked by the filter factories
                }
                case SCALAR -> {
                    return new KeyProblem(name.toString(), null, null,
                            parent + " is a single value (" + node.type().getSimpleName() + "), it has no key '"
                                    + key + "'",
                            "set " + parent + " itself");
                }
            }
        }
        return null;
    }

    private static KeyProblem unknown(ConfigurationPropertyName name, int i, PropertyShape node) {
        ConfigurationPropertyName parent = name.chop(i);
        String key = name.getElement(i, Form.ORIGINAL);
        Map<String, String> byUniform = new LinkedHashMap<>();
        node.properties().keySet().forEach(k -> byUniform.put(PropertyShape.uniform(k), k));
        String closest = Suggestions.closest(PropertyShape.uniform(key), byUniform.keySet());
        String allowed = node.properties().keySet().stream().sorted().collect(Collectors.joining(", "));
        String fix;
        if (closest != null) {
            String suggestion = byUniform.get(closest);
            String rest = name.getNumberOfElements() > i + 1
                    ? name.toString().substring(name.chop(i + 1).toString().length()) : "";
            fix = "did you mean '" + suggestion + "' (" + parent + "." + suggestion + rest + ")?";
        }
        else {
            fix = "use one of the keys allowed at " + parent;
        }
        return new KeyProblem(name.toString(), null, null,
                "unknown key '" + key + "' at " + parent + " (allowed: " + allowed + ")", fix);
    }
}
