package dev.portico.gateway.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path pattern of {@code /}-separated segments, parsed once. A segment is a literal ({@code users}), a variable
 * ({@code {id}}: exactly one non-empty segment), a wildcard ({@code *}: the same, not captured), and the last segment
 * may be {@code **}: zero or more further segments. {@code /api/users/**} therefore matches {@code /api/users},
 * {@code /api/users/} and {@code /api/users/1/orders}. Literal segments compare case-sensitively with the request
 * path after percent-decoding (an encoded slash, {@code %2F}, never splits a segment).
 *
 * <p>Instances are immutable; {@link #matches(String)} is the reference semantics that the compiled
 * {@link RouteTable} trie must agree with.
 */
public final class PathTemplate {

    /** The kind of one pattern segment. */
    public enum SegmentKind {
        LITERAL, VARIABLE, WILDCARD
    }

    private final String source;
    private final String[] literals;
    private final SegmentKind[] kinds;
    private final String[] variableNames;
    private final int[] variableSegmentIndex;
    private final boolean catchAll;

    private PathTemplate(String source, String[] literals, SegmentKind[] kinds, String[] variableNames,
            int[] variableSegmentIndex, boolean catchAll) {
        this.source = source;
        this.literals = literals;
        this.kinds = kinds;
        this.variableNames = variableNames;
        this.variableSegmentIndex = variableSegmentIndex;
        this.catchAll = catchAll;
    }

    /**
     * Parses a pattern such as {@code /api/users/{id}} or {@code /static/**}.
     * @throws IllegalArgumentException naming the fault and the expected form
     */
    public static PathTemplate parse(String pattern) {
        if (pattern.isEmpty() || pattern.charAt(0) != '/') {
            throw new IllegalArgumentException("path pattern '" + pattern + "' must start with '/'");
        }
        List<String> parts = segments(pattern);
        boolean catchAll = !parts.isEmpty() && parts.get(parts.size() - 1).equals("**");
        if (catchAll) {
            parts.remove(parts.size() - 1);
        }
        String[] literals = new String[parts.size()];
        SegmentKind[] kinds = new SegmentKind[parts.size()];
        List<String> names = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.equals("**")) {
                throw new IllegalArgumentException("path pattern '" + pattern
                        + "' uses '**' before its end ('**' is allowed only as the last segment, e.g. /api/**)");
            }
            if (part.equals("*")) {
                kinds[i] = SegmentKind.WILDCARD;
            }
            else if (part.startsWith("{") && part.endsWith("}") && part.length() > 2) {
                String name = part.substring(1, part.length() - 1);
                if (!isIdentifier(name)) {
                    throw new IllegalArgumentException("path pattern '" + pattern + "' has variable '" + part
                            + "' (expected {name} with letters, digits, '_' or '-')");
                }
                if (names.contains(name)) {
                    throw new IllegalArgumentException(
                            "path pattern '" + pattern + "' declares variable '" + name + "' twice");
                }
                kinds[i] = SegmentKind.VARIABLE;
                names.add(name);
                indexes.add(i);
            }
            else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0 || part.indexOf('*') >= 0) {
                throw new IllegalArgumentException("path pattern '" + pattern + "' has segment '" + part
                        + "' (expected a literal, {name}, * or a final **; use path-regex for partial segments)");
            }
            else {
                kinds[i] = SegmentKind.LITERAL;
                literals[i] = part;
            }
        }
        return new PathTemplate(pattern, literals, kinds, names.toArray(String[]::new),
                indexes.stream().mapToInt(Integer::intValue).toArray(), catchAll);
    }

    /** Splits {@code /a/b/} into {@code [a, b, ""]} and {@code /} into {@code []}. */
    static List<String> segments(String path) {
        List<String> parts = new ArrayList<>();
        if (path.length() <= 1) {
            return parts;
        }
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                parts.add(path.substring(start));
                return parts;
            }
            parts.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    private static boolean isIdentifier(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The pattern as written. */
    public String source() {
        return this.source;
    }

    /** Number of segments before an optional trailing {@code **}. */
    public int segmentCount() {
        return this.kinds.length;
    }

    public SegmentKind kind(int segment) {
        return this.kinds[segment];
    }

    /** The literal text of a {@link SegmentKind#LITERAL} segment. */
    public String literal(int segment) {
        return this.literals[segment];
    }

    /** Whether the pattern ends with {@code /**}. */
    public boolean catchAll() {
        return this.catchAll;
    }

    public List<String> variableNames() {
        return Collections.unmodifiableList(Arrays.asList(this.variableNames));
    }

    int literalCount() {
        int n = 0;
        for (SegmentKind kind : this.kinds) {
            if (kind == SegmentKind.LITERAL) {
                n++;
            }
        }
        return n;
    }

    /** Reference matcher over a (decoded) path; the trie must agree with it. */
    public boolean matches(String path) {
        List<String> parts = segments(path);
        if (parts.size() < this.kinds.length || (!this.catchAll && parts.size() != this.kinds.length)) {
            return false;
        }
        for (int i = 0; i < this.kinds.length; i++) {
            String part = parts.get(i);
            if (this.kinds[i] == SegmentKind.LITERAL ? !part.equals(this.literals[i]) : part.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The variables of a path this template matched, taken from the raw (still encoded) path so that a rewrite
     * forwards them exactly as the client sent them.
     */
    public Map<String, String> extract(String rawPath) {
        if (this.variableNames.length == 0) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>(this.variableNames.length * 2);
        int segment = 0;
        int start = 1;
        int v = 0;
        while (v < this.variableNames.length && start <= rawPath.length()) {
            int slash = rawPath.indexOf('/', start);
            int end = slash < 0 ? rawPath.length() : slash;
            if (segment == this.variableSegmentIndex[v]) {
                values.put(this.variableNames[v++], rawPath.substring(start, end));
            }
            segment++;
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathTemplate that && this.source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return this.source.hashCode();
    }

    @Override
    public String toString() {
        return this.source;
    }
}
