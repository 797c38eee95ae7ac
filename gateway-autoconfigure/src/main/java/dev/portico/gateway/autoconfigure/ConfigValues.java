package dev.portico.gateway.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.portico.gateway.autoconfigure.properties.EnumValues;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.unit.DataSize;

/**
 * Java values written back in their configuration form, the form a user would put in {@code application.yml}:
 * kebab-case property names, {@code 2s} for durations, {@code 64KB} for data sizes, {@code lower-case} enums. What it
 * produces binds again with Boot's binder, so a description can be read by people and accepted by tools.
 *
 * <pre>{@code
 * RewritePathFilter.Config { regex = "/api/(?<rest>.*)", replacement = "/${rest}" }
 *     -> {"regex": "/api/(?<rest>.*)", "replacement": "/${rest}"}
 * Duration.ofMillis(1500) -> "1500ms"        DataSize.ofKilobytes(64) -> "64KB"
 * }</pre>
 */
final class ConfigValues {

    /** Deep enough for any sensible config object; stops a self-referencing getter from recursing forever. */
    private static final int MAX_DEPTH = 6;

    private static final ChronoUnit[] DURATION_UNITS = { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
            ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS };

    private static final String[] SIZE_UNITS = { "TB", "GB", "MB", "KB" };

    private ConfigValues() {
    }

    /** A duration in the largest unit that holds it exactly: {@code 2s}, {@code 1500ms}, {@code 5m}. */
    static String duration(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.abs().compareTo(Duration.ofDays(100_000)) > 0) {
            return duration.toString(); // beyond toNanos(); ISO-8601, which the binder reads as well
        }
        for (ChronoUnit unit : DURATION_UNITS) {
            if (duration.toNanos() % unit.getDuration().toNanos() == 0) {
                return DurationStyle.SIMPLE.print(duration, unit);
            }
        }
        return DurationStyle.SIMPLE.print(duration, ChronoUnit.NANOS);
    }

    /** A size in the largest binary unit that holds it exactly: {@code 64KB}, {@code 5MB}, {@code 100B}. */
    static String dataSize(long bytes) {
        for (int i = 0; i < SIZE_UNITS.length; i++) {
            long unit = 1L << (10 * (SIZE_UNITS.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + SIZE_UNITS[i];
            }
        }
        return bytes + "B";
    }

    /**
     * The properties of a bound configuration object by kebab-case name, without {@code null}s: a record's
     * components in declaration order, or a JavaBean's properties (alphabetical) that the binder could set: those
     * with a setter, and nested objects or collections it binds into through their getter. Derived read-only
     * values ({@code isSet()}) are left out, since binding them back would fail.
     */
    static Map<String, Object> properties(Object config) {
        return properties(config, 0);
    }

    private static Map<String, Object> properties(Object config, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        Class<?> type = config.getClass();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                put(out, component.getName(), read(component.getAccessor(), config), depth);
            }
            return out;
        }
        Map<String, Object> sorted = new TreeMap<>();
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getReadMethod() == null || property.getName().equals("class")) {
                continue;
            }
            Object value = read(property.getReadMethod(), config);
            if (property.getWriteMethod() != null || (value != null && !simple(value))) {
                put(sorted, property.getName(), value, depth);
            }
        }
        out.putAll(sorted);
        return out;
    }

    private static @Nullable Object read(Method getter, Object target) {
        ReflectionUtils.makeAccessible(getter); // config types are often nested or package-private classes
        return ReflectionUtils.invokeMethod(getter, target);
    }

    private static void put(Map<String, Object> out, String name, @Nullable Object value, int depth) {
        Object converted = value(value, depth + 1);
        if (converted != null) {
            out.put(DataObjectPropertyName.toDashedForm(name), converted);
        }
    }

    /** One value in configuration form; {@code null} stays {@code null}. */
    static @Nullable Object value(@Nullable Object value) {
        return value(value, 0);
    }

    private static @Nullable Object value(@Nullable Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Duration duration) {
            return duration(duration);
        }
        if (value instanceof DataSize size) {
            return dataSize(size.toBytes());
        }
        if (value instanceof Enum<?> constant) {
            return EnumValues.form(constant);
        }
        if (simple(value) || depth > MAX_DEPTH) {
            return value.toString(); // URI, Pattern, Charset, MediaType...: their text is their configuration form
        }
        if (value instanceof Collection<?> collection) {
            List<Object> list = new ArrayList<>(collection.size());
            collection.forEach(item -> list.add(value(item, depth + 1)));
            return list;
        }
        if (value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(value(Array.get(value, i), depth + 1));
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object converted = value(v, depth + 1);
                if (converted != null) {
                    out.put(String.valueOf(k), converted);
                }
            });
            return out;
        }
        return properties(value, depth);
    }

    /** A value written as its text: a JDK or Spring value type, or anything that is not a bean we could walk. */
    private static boolean simple(Object value) {
        if (value instanceof Collection<?> || value instanceof Map<?, ?> || value.getClass().isArray()) {
            return false;
        }
        String type = value.getClass().getName();
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof Character || type.startsWith("java.")
                || type.startsWith("javax.") || type.startsWith("org.springframework.");
    }
}
