package dev.portico.gateway.autoconfigure.properties;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * The whole {@code portico.*} namespace as one {@link PropertyShape}: every {@code @ConfigurationProperties} class
 * of Portico whose prefix is {@code portico} or below it, each mounted at its prefix. Found by scanning Portico's
 * packages rather than listing classes, so splitting or moving the properties classes needs no change here.
 */
public final class PorticoNamespace {

    /** The root prefix of all Portico properties. */
    public static final String PREFIX = "portico";

    private static final String BASE_PACKAGE = "dev.portico";

    private static final Map<ClassLoader, PropertyShape> CACHE = new ConcurrentReferenceHashMap<>();

    private PorticoNamespace() {
    }

    /** The shape of {@code portico.*} as the classes loadable from {@code classLoader} define it (cached). */
    public static PropertyShape shape(ClassLoader classLoader) {
        return CACHE.computeIfAbsent(classLoader, PorticoNamespace::build);
    }

    /**
     * The properties classes under {@code portico}, by prefix, shortest prefix first. Several classes may share a
     * prefix (a module's own keys beside the root's, e.g. {@code portico.consumers}); their keys are merged, the class
     * with the most properties first (it names the shape's type, which the schema's defaults and description use).
     */
    public static Map<String, List<Class<?>>> classes(ClassLoader classLoader) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
            found.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader));
        }
        Map<String, List<Class<?>>> byPrefix = new LinkedHashMap<>();
        found.stream().sorted(Comparator.comparing(PorticoNamespace::prefix)
                .thenComparing(type -> -PropertyShape.of(type).properties().size())
                .thenComparing(Class::getName)).forEach(type -> {
                    String prefix = prefix(type);
                    if (prefix.equals(PREFIX) || prefix.startsWith(PREFIX + ".")) {
                        byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>()).add(type);
                    }
                });
        return byPrefix;
    }

    private static String prefix(Class<?> type) {
        ConfigurationProperties annotation = AnnotationUtils.findAnnotation(type, ConfigurationProperties.class);
        return annotation == null ? "" : annotation.prefix();
    }

    private static PropertyShape build(ClassLoader classLoader) {
        PropertyShape root = PropertyShape.object(Object.class, Map.of());
        for (Map.Entry<String, List<Class<?>>> e : classes(classLoader).entrySet()) {
            for (Class<?> type : e.getValue()) {
                root = mount(root, e.getKey().substring(PREFIX.length()), PropertyShape.of(type));
            }
        }
        return root;
    }

    /** {@code parent} with {@code shape} at the relative {@code path} (".a.b"; "" for the root itself). */
    private static PropertyShape mount(PropertyShape parent, String path, PropertyShape shape) {
        if (path.isEmpty()) {
            return merge(parent, shape);
        }
        String rest = path.substring(1);
        int dot = rest.indexOf('.');
        String key = dot < 0 ? rest : rest.substring(0, dot);
        PropertyShape.Property existing = parent.properties().get(key);
        PropertyShape child = existing != null ? existing.shape() : PropertyShape.object(Object.class, Map.of());
        child = mount(child, dot < 0 ? "" : rest.substring(dot), shape);
        Map<String, PropertyShape.Property> properties = new LinkedHashMap<>(parent.properties());
        properties.put(key, new PropertyShape.Property(key, key, shape.type(), child));
        return PropertyShape.object(parent.type(), properties);
    }

    /** {@code a}'s keys and {@code b}'s; the type stays {@code a}'s unless {@code a} is a synthetic parent. */
    private static PropertyShape merge(PropertyShape a, PropertyShape b) {
        Map<String, PropertyShape.Property> properties = new LinkedHashMap<>(a.properties());
        properties.putAll(b.properties());
        return PropertyShape.object(a.type() == Object.class ? b.type() : a.type(), properties);
    }
}
