package dev.portico.gateway.route;

import java.util.Locale;

/**
 * A host pattern: an exact name ({@code api.example.com}), a leading wildcard ({@code *.example.com}: one or more
 * labels before the suffix) or a template whose labels may be variables ({@code {tenant}.example.org}). Compared
 * case-insensitively against the request's {@code Host} without its port.
 */
public final class HostPattern {

    private final String source;
    private final String[] labels;
    private final boolean leadingWildcard;
    private final String suffix;

    private HostPattern(String source, String[] labels, boolean leadingWildcard, String suffix) {
        this.source = source;
        this.labels = labels;
        this.leadingWildcard = leadingWildcard;
        this.suffix = suffix;
    }

    public static HostPattern parse(String pattern) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.isEmpty() || p.indexOf(':') >= 0 || p.indexOf('/') >= 0) {
            throw new IllegalArgumentException("host pattern '" + pattern
                    + "' is not a host name (expected e.g. api.example.com, *.example.com or {tenant}.example.com)");
        }
        if (p.startsWith("*.")) {
            String suffix = p.substring(1);
            if (suffix.indexOf('*') >= 0 || suffix.indexOf('{') >= 0) {
                throw new IllegalArgumentException("host pattern '" + pattern + "' may use '*' only as its first label");
            }
            return new HostPattern(pattern, new String[0], true, suffix);
        }
        String[] labels = p.split("\\.", -1);
        String[] asWritten = pattern.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            boolean variable = label.startsWith("{") && label.endsWith("}") && label.length() > 2;
            if (label.isEmpty() || (!variable && (label.indexOf('{') >= 0 || label.indexOf('*') >= 0))) {
                throw new IllegalArgumentException("host pattern '" + pattern + "' has label '" + label
                        + "' (expected a name, a {variable}, or '*' as the first label)");
            }
            if (variable) {
                labels[i] = asWritten[i]; // names are compared lower case, variable names keep their case
            }
        }
        return new HostPattern(pattern, labels, false, "");
    }

    public String source() {
        return this.source;
    }

    /** Matches a host name that has no port and is already lower case. */
    public boolean matches(String host) {
        if (this.leadingWildcard) {
            return host.length() > this.suffix.length() && host.endsWith(this.suffix)
                    && host.charAt(host.length() - this.suffix.length() - 1) != '.';
        }
        int start = 0;
        for (int i = 0; i < this.labels.length; i++) {
            int dot = host.indexOf('.', start);
            int end = dot < 0 ? host.length() : dot;
            if ((dot < 0) != (i == this.labels.length - 1)) {
                return false;
            }
            String label = this.labels[i];
            if (label.charAt(0) == '{') {
                if (end == start) {
                    return false;
                }
            }
            else if (end - start != label.length() || !host.regionMatches(start, label, 0, label.length())) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /** The value of each {@code {variable}} label, for a host this pattern matched. */
    public java.util.Map<String, String> extract(String host) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        String[] parts = host.split("\\.", -1);
        for (int i = 0; i < this.labels.length && i < parts.length; i++) {
            if (this.labels[i].charAt(0) == '{') {
                values.put(this.labels[i].substring(1, this.labels[i].length() - 1), parts[i]);
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return this.source;
    }
}
