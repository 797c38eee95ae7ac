package dev.portico.gateway.autoconfigure.properties;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;

/**
 * The shape of a configuration properties type as Spring Boot's binder sees it: which keys an object takes, what a
 * list's elements and a map's values are, and where any key is fine. Read by reflection, so it follows the
 * properties classes as they change; the strict key check and the JSON schema are both derived from it.
 *
 * <pre>
 * PorticoProperties            OBJECT  {enabled, routes, upstreams, ...}
 *   routes                     LIST    of OBJECT {id, uri, match, filters, metadata, ...}
 *     filters                  LIST    of FILTER   (a name, or {name: arguments}; checked by FilterFactories)
 *     metadata                 ANY     (free keys: a map of scalars)
 *   upstreams                  MAP     of OBJECT {nodes, timeouts, load-balancer, ...}
 * </pre>
 */
public final class PropertyShape {

    /** What a node of the tree is. */
    public enum Kind {
        /** A JavaBean or record: a fixed set of keys. */
        OBJECT,
        /** A list, set or array: indexed elements of one shape. */
        LIST,
        /** A map with bean values: any key, values of one shape. */
        MAP,
        /** A map of scalars (or of anything untyped): any key below. */
        ANY,
        /** A filter entry ({@code FilterSpec}): a name or a single-key map, validated by the filter factories. */
        FILTER,
        /** A single value: string, number, boolean, duration, data size, enum... */
        SCALAR
    }

    /** One key of an object: its kebab-case name, the Java property it binds and the property's class. */
    public record Property(String name, String javaName, Class<?> declaringClass, PropertyShape shape) {
    }

    private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

    /**
     * By name, not class literal: this package must not depend on the one that uses it. Were it renamed, FilterSpec
     * would read as a free map (still accepted here) and the docs' "- preserve-host" would fail the schema test.
     */
    private static final String FILTER_SPEC = "dev.portico.gateway.autoconfigure.FilterSpec";

    private final Kind kind;

    private final Class<?> type;

    private final Map<String, Property> properties;

    private final @Nullable PropertyShape element;

    private PropertyShape(Kind kind, Class<?> type, Map<String, Property> properties, @Nullable PropertyShape element) {
        this.kind = kind;
        this.type = type;
        this.properties = properties;
        this.element = element;
    }

    /** The shape of a configuration properties class. */
    public static PropertyShape of(Class<?> type) {
        return of(ResolvableType.forClass(type), new LinkedHashSet<>());
    }

    /** An object made of the given keys: the synthetic parent of properties classes mounted under one prefix. */
    static PropertyShape object(Class<?> type, Map<String, Property> properties) {
        return new PropertyShape(Kind.OBJECT, type, properties, null);
    }

    private static PropertyShape of(ResolvableType resolvable, Set<Class<?>> path) {
        Class<?> type = resolvable.toClass();
        if (type.getName().equals(FILTER_SPEC)) {
            return new PropertyShape(Kind.FILTER, type, Map.of(), null);
        }
        if (type.isArray() && type != byte[].class && type != char[].class) {
            return list(type, resolvable.getComponentType(), path);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return list(type, resolvable.asCollection().getGeneric(0), path);
        }
        if (Map.class.isAssignableFrom(type)) {
            PropertyShape value = of(resolvable.asMap().getGeneric(1), path);
            // a map of beans is entries of that bean; a map of scalars (or of Object) takes any nested key
            return value.kind == Kind.OBJECT ? new PropertyShape(Kind.MAP, type, Map.of(), value)
                    : new PropertyShape(Kind.ANY, type, Map.of(), null);
        }
        if (isScalar(type)) {
            return new PropertyShape(Kind.SCALAR, type, Map.of(), null);
        }
        if (!path.add(type)) {
            throw new IllegalStateException("configuration properties type " + type.getName() + " contains itself");
        }
        Map<String, Property> properties = new TreeMap<>(); // sorted: reflection order is not stable
        for (Member member : members(type)) {
            PropertyShape shape = of(member.type, path);
            if (member.settable || shape.kind != Kind.SCALAR) { // a getter-only scalar cannot be bound
                String name = DataObjectPropertyName.toDashedForm(member.name);
                properties.put(name, new Property(name, member.name, member.declaringClass, shape));
            }
        }
        path.remove(type);
        return new PropertyShape(Kind.OBJECT, type, Collections.unmodifiableMap(properties), null);
    }

    private static PropertyShape list(Class<?> type, ResolvableType element, Set<Class<?>> path) {
        return new PropertyShape(Kind.LIST, type, Map.of(), of(element, path));
    }

    private static boolean isScalar(Class<?> type) {
        return BeanUtils.isSimpleValueType(type) || type == Object.class || type.getName().startsWith("java.")
                || CONVERSION.canConvert(String.class, type);
    }

    /** A bindable Java property: a record component, a constructor parameter or a JavaBean getter/setter. */
    private record Member(String name, ResolvableType type, Class<?> declaringClass, boolean settable) {
    }

    private static List<Member> members(Class<?> type) {
        List<Member> members = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                members.add(new Member(c.getName(), ResolvableType.forMethodReturnType(c.getAccessor()), type, true));
            }
            return members;
        }
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length == 1 && constructors[0].getParameterCount() > 0) { // constructor binding
            Constructor<?> constructor = constructors[0];
            Parameter[] parameters = constructor.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                members.add(new Member(parameters[i].getName(), ResolvableType.forConstructorParameter(constructor, i),
                        type, true));
            }
            return members;
        }
        for (PropertyDescriptor d : BeanUtils.getPropertyDescriptors(type)) {
            if (d.getName().equals("class")) {
                continue;
            }
            if (d.getReadMethod() != null) {
                members.add(new Member(d.getName(), ResolvableType.forMethodReturnType(d.getReadMethod(), type),
                        d.getReadMethod().getDeclaringClass(), d.getWriteMethod() != null));
            }
            else if (d.getWriteMethod() != null) {
                members.add(new Member(d.getName(), ResolvableType.forMethodParameter(d.getWriteMethod(), 0, type),
                        d.getWriteMethod().getDeclaringClass(), true));
            }
        }
        return members;
    }

    public Kind kind() {
        return this.kind;
    }

    /** The Java type: the bean, collection, map or scalar class. */
    public Class<?> type() {
        return this.type;
    }

    /** The keys of an {@link Kind#OBJECT}, by kebab-case name; empty for other kinds. */
    public Map<String, Property> properties() {
        return this.properties;
    }

    /** The element shape of a {@link Kind#LIST}, the value shape of a {@link Kind#MAP}; otherwise {@code null}. */
    public @Nullable PropertyShape element() {
        return this.element;
    }

    /** The key of an object that {@code key} binds to in any relaxed form (kebab, camel, snake, upper case). */
    public @Nullable Property property(String key) {
        String uniform = uniform(key);
        for (Property p : this.properties.values()) {
            if (uniform(p.name()).equals(uniform)) {
                return p;
            }
        }
        return null;
    }

    /** The form Boot compares names in: lower case, letters and digits only. */
    static String uniform(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return this.kind + "(" + this.type.getSimpleName() + ")";
    }
}
