package dev.portico.gateway.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

import dev.portico.gateway.autoconfigure.properties.Suggestions;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.GatewayFilterFactory;
import dev.portico.gateway.route.RouteDefinitionException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/**
 * Filter factories by name, and the turning of a YAML {@link FilterSpec} into a filter: the arguments are bound onto
 * the factory's config type with Boot's binder (relaxed names, durations, data sizes), unknown properties are errors,
 * and every failure names the route, the property and what is expected.
 *
 * <p>It remembers what each filter it created was made of ({@link #description}), so that the actuator can show a
 * route's filters as configuration ({@code {"name": "strip-prefix", "args": {"parts": 1}}}) rather than as objects.
 */
public final class FilterFactories {

    private static final String ROOT = "config";

    private final Map<String, GatewayFilterFactory<?>> byName;

    /**
     * Filter to description. Weak keys: filters of routes a refresh dropped are not kept alive by this map. Filters
     * do not define value equality (built-in ones keep identity equality), so this is in effect an identity map; two
     * filters equal by value would have equal descriptions anyway.
     */
    private final Map<GatewayFilter, FilterDescription> created = Collections.synchronizedMap(new WeakHashMap<>());

    /** @throws RouteDefinitionException when two factories share a name */
    public FilterFactories(Collection<? extends GatewayFilterFactory<?>> factories) {
        Map<String, GatewayFilterFactory<?>> map = new TreeMap<>();
        for (GatewayFilterFactory<?> factory : factories) {
            String name = normalize(factory.name());
            GatewayFilterFactory<?> prior = map.put(name, factory);
            if (prior != null) {
                throw new RouteDefinitionException(null, "filters", "two filter factories are named '" + name + "' ("
                        + prior.getClass().getName() + " and " + factory.getClass().getName() + ")",
                        "rename one of them: filter names must be unique");
            }
        }
        this.byName = map;
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    public Collection<String> names() {
        return this.byName.keySet();
    }

    /**
     * The factory name and bound arguments a filter was created from, or {@code null} for a filter this instance did
     * not create (one built in Java, say).
     */
    public @Nullable FilterDescription description(GatewayFilter filter) {
        return this.created.get(filter);
    }

    /**
     * Builds the filter an entry describes.
     * @param property the entry's full property path, e.g. {@code portico.routes[0].filters[1]}
     */
    public GatewayFilter create(FilterSpec spec, @Nullable String routeId, String property) {
        String name = spec.name();
        if (name == null) {
            throw new RouteDefinitionException(routeId, property, "a filter entry has " + spec.size() + " keys " + spec.keySet(),
                    "write one filter per list entry: '- name' or '- name: arguments'");
        }
        GatewayFilterFactory<?> factory = this.byName.get(normalize(name));
        if (factory == null) {
            String suggestion = Suggestions.closest(normalize(name), this.byName.keySet());
            throw new RouteDefinitionException(routeId, property, "unknown filter '" + name + "'",
                    (suggestion != null ? "did you mean '" + suggestion + "'? " : "")
                            + "known filters: " + String.join(", ", this.byName.keySet())
                            + "; a custom filter is a GatewayFilterFactory bean with this name");
        }
        return create(factory, spec.arguments(), routeId, property + "." + name);
    }

    private <C> GatewayFilter create(GatewayFilterFactory<C> factory, @Nullable Object arguments,
            @Nullable String routeId, String property) {
        Map<String, Object> flat = new LinkedHashMap<>();
        if (arguments instanceof Map<?, ?> map) {
            flatten(ROOT, map, flat);
        }
        else if (arguments instanceof List<?> list) {
            throw new RouteDefinitionException(routeId, property, "arguments are a list",
                    "give a single value (" + describeShortcut(factory) + ") or a map of properties");
        }
        else if (arguments != null && !arguments.toString().isEmpty()) {
            List<String> fields = factory.shortcutFields();
            if (fields.isEmpty()) {
                throw new RouteDefinitionException(routeId, property,
                        "filter '" + factory.name() + "' takes no shortcut value ('" + arguments + "')",
                        factory.configType() == GatewayFilterFactory.NoConfig.class
                                ? "write it without arguments: - " + factory.name()
                                : "use the map form, e.g. " + factory.name() + ": { property: value }");
            }
            String text = arguments.toString();
            String[] parts = fields.size() == 1 ? new String[] { text } : text.split(",", fields.size());
            for (int i = 0; i < parts.length; i++) {
                flat.put(ROOT + "." + fields.get(i), parts[i].trim());
            }
        }
        C config;
        try {
            Binder binder = new Binder(List.of(new MapConfigurationPropertySource(flat)), null,
                    ApplicationConversionService.getSharedInstance());
            config = binder.bindOrCreate(ROOT, Bindable.of(factory.configType()),
                    new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
        }
        catch (BindException ex) {
            String cause = rootMessage(ex);
            throw new RouteDefinitionException(routeId, property, "invalid arguments for filter '" + factory.name()
                    + "': " + cause.replace(ROOT + ".", ""), "expected " + describeShortcut(factory)
                    + " or the properties of " + factory.configType().getSimpleName());
            // not chained: Boot's own bind-failure report would win over ours and lose the route
        }
        GatewayFilter filter;
        try {
            filter = factory.create(config);
        }
        catch (IllegalArgumentException ex) {
            throw new RouteDefinitionException(routeId, property, ex.getMessage(),
                    "fix the arguments of filter '" + factory.name() + "'", ex);
        }
        this.created.put(filter, new FilterDescription(factory.name(), arguments(config, flat)));
        return filter;
    }

    /**
     * The bound config in configuration form, defaults included; if a user's config type cannot be read back (a
     * getter that throws), the arguments as written, which bind the same way.
     */
    private static Map<String, Object> arguments(Object config, Map<String, Object> flat) {
        try {
            return ConfigValues.properties(config);
        }
        catch (RuntimeException ex) {
            Map<String, Object> written = new LinkedHashMap<>();
            flat.forEach((key, value) -> written.put(key.substring(ROOT.length() + 1), value));
            return written;
        }
    }

    private static String describeShortcut(GatewayFilterFactory<?> factory) {
        return factory.shortcutFields().isEmpty() ? "no shortcut value"
                : "a shortcut value for " + String.join(", ", factory.shortcutFields());
    }

    private static String rootMessage(Throwable ex) {
        Throwable t = ex;
        String message = ex.getMessage();
        while (t.getCause() != null) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + "." + e.getKey();
            Object value = e.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(key, nested, out);
            }
            else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    if (item instanceof Map<?, ?> nested) {
                        flatten(key + "[" + i + "]", nested, out);
                    }
                    else {
                        out.put(key + "[" + i + "]", item);
                    }
                }
            }
            else if (value != null) {
                out.put(key, value);
            }
        }
    }

    /** All filters of a list, in order. */
    public List<GatewayFilter> createAll(List<FilterSpec> specs, @Nullable String routeId, String property) {
        List<GatewayFilter> filters = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            filters.add(create(specs.get(i), routeId, property + "[" + i + "]"));
        }
        return filters;
    }
}
