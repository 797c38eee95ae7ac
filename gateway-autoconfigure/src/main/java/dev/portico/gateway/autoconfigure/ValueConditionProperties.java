package dev.portico.gateway.autoconfigure;

import org.jspecify.annotations.Nullable;

/** A condition on a header, query parameter or cookie: present; equal to 'value'; or matching 'regex'. */
public class ValueConditionProperties {

    /** Name of the header, query parameter or cookie. */
    private @Nullable String name;

    /** Exact value required. Leave unset (with 'regex') to require presence only. */
    private @Nullable String value;

    /** Regular expression the whole value must match. */
    private @Nullable String regex;

    public @Nullable String getName() {
        return this.name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public @Nullable String getValue() {
        return this.value;
    }

    public void setValue(@Nullable String value) {
        this.value = value;
    }

    public @Nullable String getRegex() {
        return this.regex;
    }

    public void setRegex(@Nullable String regex) {
        this.regex = regex;
    }
}
