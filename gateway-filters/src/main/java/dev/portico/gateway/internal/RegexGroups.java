package dev.portico.gateway.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of a regular expression's {@code (?<name>...)} groups: Java 17 has no public API for them. */
public final class RegexGroups {

    private static final Pattern GROUP_NAME = Pattern.compile("(?<!\\\\)\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private RegexGroups() {
    }

    public static List<String> names(Pattern pattern) {
        List<String> names = new ArrayList<>();
        Matcher m = GROUP_NAME.matcher(pattern.pattern());
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }
}
