package dev.portico.gateway.filter.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.portico.gateway.filter.AbstractFilterFactory;
import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;
import dev.portico.gateway.filter.GatewayFilter;
import dev.portico.gateway.filter.InlineFilter;
import dev.portico.gateway.internal.RegexGroups;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites the upstream path with a regular expression, for path changes that strip-prefix, prefix-path and
 * set-path cannot express: every match of {@code regex} in the raw (percent-encoded) upstream path is replaced.
 *
 * <pre>{@code
 * Route.builder("legacy").match(m -> m.path("/legacy/**")).uri("http://127.0.0.1:9001")
 *         .filter(RewritePathFilter.of("/legacy/(?<rest>.*)", "/v2/${rest}"))  // /legacy/a/b -> /v2/a/b
 *         .build();
 * }</pre>
 *
 * <p>The replacement uses {@link Matcher#replaceAll} syntax: {@code $1}, {@code ${name}}, {@code \$} for a literal
 * dollar; {@code $\{name}} is accepted too, for YAML where {@code ${...}} would be a Spring property placeholder. Both
 * the pattern and the replacement are compiled once; references to groups the pattern lacks fail at creation.
 *
 * <p>The result must be a path: a result that does not start with {@code /} is a 500 (a configuration fault), and
 * one with a {@code .} or {@code ..} segment (which a crafted request could assemble) is a 400, like such a request
 * path would be.
 */
public final class RewritePathFilter implements InlineFilter {

    /** The YAML name. */
    public static final String NAME = "rewrite-path";


    private final Pattern pattern;
    private final String replacement;
    /** Literal parts are Strings, group references Integers (number) or a {@link GroupName}. */
    private final Object[] parts;

    private RewritePathFilter(@Nullable String regex, @Nullable String replacement) {
        String r = Checks.required("regex", regex, "a Java regular expression, e.g. /api/(?<rest>.*)");
        try {
            this.pattern = Pattern.compile(r);
        }
        catch (PatternSyntaxException ex) {
            throw new IllegalArgumentException("regex: " + Checks.quote(r) + " (expected: a Java regular expression): "
                    + ex.getDescription() + " near index " + ex.getIndex(), ex);
        }
        if (replacement == null) {
            throw new IllegalArgumentException("replacement: null (expected: a replacement such as /v2/${rest})");
        }
        this.replacement = replacement;
        this.parts = parseReplacement(this.pattern, replacement);
        for (Object part : this.parts) {
            if (part instanceof String literal) {
                Checks.pathChars("replacement", replacement, literal);
            }
        }
    }

    /** A filter that replaces every match of {@code regex} in the upstream path with {@code replacement}. */
    public static RewritePathFilter of(String regex, String replacement) {
        return new RewritePathFilter(regex, replacement);
    }

    public String regex() {
        return this.pattern.pattern();
    }

    public String replacement() {
        return this.replacement;
    }

    @Override
    public void apply(GatewayExchange exchange) {
        String path = exchange.upstreamPath();
        Matcher m = this.pattern.matcher(path);
        if (!m.find()) {
            return;
        }
        StringBuilder sb = new StringBuilder(path.length() + 16);
        int last = 0;
        do {
            sb.append(path, last, m.start());
            for (Object part : this.parts) {
                if (part instanceof String literal) {
                    sb.append(literal);
                }
                else {
                    String group = part instanceof Integer number ? m.group(number) : m.group(((GroupName) part).name);
                    if (group != null) {
                        sb.append(group);
                    }
                }
            }
            last = m.end();
        }
        while (m.find());
        sb.append(path, last, path.length());
        String rewritten = sb.toString();
        if (rewritten.isEmpty() || rewritten.charAt(0) != '/') {
            throw new GatewayException(500, "Internal Server Error", NAME + " '" + this.pattern.pattern() + "' -> '"
                    + this.replacement + "' turned '" + path + "' into '" + rewritten
                    + "' (expected: a path starting with '/')");
        }
        exchange.upstreamPath(rewritten); // 400 for a '.' or '..' segment the rewrite assembled
    }

    /** Splits a {@link Matcher#replaceAll} replacement into literals and group references, once. */
    private static Object[] parseReplacement(Pattern pattern, String replacement) {
        int groupCount = pattern.matcher("").groupCount();
        List<String> groupNames = RegexGroups.names(pattern);
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int len = replacement.length();
        while (i < len) {
            char c = replacement.charAt(i);
            if (c == '\\') {
                if (i + 1 >= len) {
                    throw new IllegalArgumentException("replacement: " + Checks.quote(replacement)
                            + " ends with '\\' (expected: an escaped character, e.g. \\$)");
                }
                literal.append(replacement.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            int next = i + 1;
            if (next + 1 < len && replacement.charAt(next) == '\\' && replacement.charAt(next + 1) == '{') {
                next++; // $\{name}, the YAML-safe spelling of ${name}
            }
            if (next < len && replacement.charAt(next) == '{') {
                int close = replacement.indexOf('}', next);
                String name = close < 0 ? "" : replacement.substring(next + 1, close);
                if (close < 0 || !groupNames.contains(name)) {
                    throw new IllegalArgumentException("replacement: " + Checks.quote(replacement) + " refers to group '"
                            + name + "' (expected one of the regex's named groups " + groupNames + ")");
                }
                flush(literal, parts);
                parts.add(new GroupName(name));
                i = close + 1;
            }
            else if (next < len && isDigit(replacement.charAt(next))) {
                int number = replacement.charAt(next) - '0';
                if (number > groupCount) {
                    throw new IllegalArgumentException("replacement: " + Checks.quote(replacement) + " refers to group "
                            + number + " (expected: at most " + groupCount + ", the regex's group count)");
                }
                int j = next + 1;
                // like Matcher: take further digits while they still name an existing group
                while (j < len && isDigit(replacement.charAt(j)) && number * 10 + (replacement.charAt(j) - '0') <= groupCount) {
                    number = number * 10 + (replacement.charAt(j) - '0');
                    j++;
                }
                flush(literal, parts);
                parts.add(number);
                i = j;
            }
            else {
                throw new IllegalArgumentException("replacement: " + Checks.quote(replacement) + " has '$' at index " + i
                        + " without a group (expected: $1, ${name}, or \\$ for a literal '$')");
            }
        }
        flush(literal, parts);
        return parts.toArray();
    }

    private static void flush(StringBuilder literal, List<Object> parts) {
        if (literal.length() > 0) {
            parts.add(literal.toString());
            literal.setLength(0);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return "RewritePathFilter[regex=" + this.pattern.pattern() + ", replacement=" + this.replacement + "]";
    }

    private record GroupName(String name) {
    }

    /** Makes {@code rewrite-path} filters: {@code - rewrite-path: /old/(?<rest>.*), /new/$\{rest}}. */
    public static final class Factory extends AbstractFilterFactory<Factory.Config> {

        public Factory() {
            super(NAME, Config.class, "regex", "replacement");
        }

        @Override
        public GatewayFilter create(Config config) {
            return new RewritePathFilter(config.getRegex(), config.getReplacement());
        }

        /** Configuration of {@code rewrite-path}. */
        public static class Config {

            /** Java regular expression matched against the raw upstream path; every match is replaced. Required. */
            private @Nullable String regex;

            /**
             * Replacement for each match: literal path text, $1 or ${name} (also $\{name}) group references,
             * \$ for a literal dollar. Empty removes the matches.
             */
            private String replacement = "";

            public @Nullable String getRegex() {
                return this.regex;
            }

            public void setRegex(@Nullable String regex) {
                this.regex = regex;
            }

            public String getReplacement() {
                return this.replacement;
            }

            public void setReplacement(String replacement) {
                this.replacement = replacement;
            }
        }
    }
}
