package dev.portico.gateway.route;

import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A condition on one named value of a request (a header, query parameter or cookie): present, equal to a value, or
 * matching a regular expression in full. The regex is compiled once, here.
 */
public final class ValueCondition {

    /** How the value is tested. */
    public enum Kind {
        PRESENT, EXACT, REGEX
    }

    private final String name;
    private final Kind kind;
    private final @Nullable String value;
    private final @Nullable Pattern pattern;

    private ValueCondition(String name, Kind kind, @Nullable String value) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank (expected the header, parameter or cookie name)");
        }
        this.name = name;
        this.kind = kind;
        this.value = value;
        this.pattern = kind == Kind.REGEX ? Pattern.compile(Objects.requireNonNull(value, "regex")) : null;
    }

    public static ValueCondition present(String name) {
        return new ValueCondition(name, Kind.PRESENT, null);
    }

    public static ValueCondition exact(String name, String value) {
        return new ValueCondition(name, Kind.EXACT, Objects.requireNonNull(value, "value"));
    }

    /** @throws java.util.regex.PatternSyntaxException for an invalid expression */
    public static ValueCondition regex(String name, String regex) {
        return new ValueCondition(name, Kind.REGEX, regex);
    }

    public String name() {
        return this.name;
    }

    public Kind kind() {
        return this.kind;
    }

    public @Nullable String value() {
        return this.value;
    }

    /** Tests one value; {@code null} means the request does not carry it. */
    public boolean test(@Nullable String actual) {
        if (actual == null) {
            return false;
        }
        return switch (this.kind) {
            case PRESENT -> true;
            case EXACT -> actual.equals(this.value);
            case REGEX -> this.pattern.matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return this.name + (this.kind == Kind.PRESENT ? "" : (this.kind == Kind.EXACT ? "=" : "~") + this.value);
    }
}
