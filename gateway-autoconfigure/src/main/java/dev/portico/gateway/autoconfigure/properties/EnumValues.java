package dev.portico.gateway.autoconfigure.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the constants of an enum-typed property are written in configuration. Boot binds enums leniently: it compares
 * names with case and every non-alphanumeric character ignored, so {@code round-robin}, {@code ROUND_ROBIN} and
 * {@code roundRobin} all bind {@code ROUND_ROBIN}, and {@code http1.1} binds {@code HTTP1_1}. The form shown to users
 * (schema, error messages) is the enum's own {@code toString()} when it overrides it ({@code http1.1}), else the
 * lower-case kebab form of the name ({@code round-robin}).
 */
public final class EnumValues {

    private EnumValues() {
    }

    /** The configuration form of a constant: {@code round-robin}, {@code http1.1}, {@code count-based}. */
    public static String form(Enum<?> constant) {
        String text = constant.toString();
        return text.equals(constant.name()) ? constant.name().toLowerCase(Locale.ROOT).replace('_', '-') : text;
    }

    /** Each constant's configuration form, in declaration order. */
    public static List<String> forms(Class<?> enumType) {
        List<String> forms = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            forms.add(form((Enum<?>) constant));
        }
        return forms;
    }

    /**
     * What the schema accepts: each constant's configuration form and its Java name (what Resilience4j's own
     * documentation writes, e.g. {@code COUNT_BASED}), both of which bind.
     */
    public static List<String> accepted(Class<?> enumType) {
        List<String> accepted = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            Enum<?> e = (Enum<?>) constant;
            accepted.add(form(e));
            if (!form(e).equals(e.name())) {
                accepted.add(e.name());
            }
        }
        return accepted;
    }
}
