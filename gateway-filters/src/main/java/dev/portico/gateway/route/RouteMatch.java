package dev.portico.gateway.route;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portico.gateway.filter.RequestView;
import dev.portico.gateway.filter.RouteVariables;
import dev.portico.gateway.internal.QueryParams;
import dev.portico.gateway.internal.RegexGroups;
import dev.portico.gateway.upstream.InvalidSpecException;
import org.jspecify.annotations.Nullable;

/**
 * What a request must look like for a route to take it. Every condition given must hold; a list (hosts, methods,
 * remote addresses) holds when any of its entries does. The path is either a {@link PathTemplate} (routed through the
 * trie) or a regular expression (checked in declaration order after the trie); without either, any path matches.
 */
public final class RouteMatch {

    private static final RouteMatch NONE = builder().build();
    private static final RouteMatch ANY = builder().path("/**").build();

    private final @Nullable PathTemplate path;
    private final @Nullable Pattern pathRegex;
    private final List<HostPattern> hosts;
    private final Set<String> methods;
    private final List<ValueCondition> headers;
    private final List<ValueCondition> queryParams;
    private final List<ValueCondition> cookies;
    private final List<CidrRange> remoteAddresses;
    private final List<String> regexGroupNames;
    private final boolean hasNonPathConditions;
    private final RouteVariables variables;

    private RouteMatch(Builder b) {
        if (b.path != null && b.pathRegex != null) {
            throw InvalidSpecException.withMessage("both path and path-regex are set (expected one of them)", "path",
                    "both path and path-regex are set", "keep one of them");
        }
        this.path = b.path;
        this.pathRegex = b.pathRegex;
        this.regexGroupNames = b.pathRegex == null ? List.of() : RegexGroups.names(b.pathRegex);
        this.hosts = List.copyOf(b.hosts);
        this.methods = Set.copyOf(b.methods);
        this.headers = List.copyOf(b.headers);
        this.queryParams = List.copyOf(b.queryParams);
        this.cookies = List.copyOf(b.cookies);
        this.remoteAddresses = List.copyOf(b.remoteAddresses);
        this.hasNonPathConditions = !(this.hosts.isEmpty() && this.methods.isEmpty() && this.headers.isEmpty()
                && this.queryParams.isEmpty() && this.cookies.isEmpty() && this.remoteAddresses.isEmpty());
        // built once: the exchange calls it on first use of its variables, never for routes that capture none
        this.variables = this.path == null && this.pathRegex == null && this.hosts.isEmpty() ? RouteVariables.NONE
                : request -> extractVariables(request.rawPath(), request.matchPath(), request.host());
    }

    /** Matches every request, explicitly: the path {@code /**}. */
    public static RouteMatch any() {
        return ANY;
    }

    /** No condition at all: a route with it fails to build (a route must say what it takes). */
    static RouteMatch none() {
        return NONE;
    }

    /** Whether at least one condition is given; a route without any would silently take every request. */
    public boolean hasConditions() {
        return this.path != null || this.pathRegex != null || this.hasNonPathConditions;
    }

    /** How to extract this match's variables from a request it matched. */
    public RouteVariables variables() {
        return this.variables;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = this.path;
        b.pathRegex = this.pathRegex;
        b.hosts.addAll(this.hosts);
        b.methods.addAll(this.methods);
        b.headers.addAll(this.headers);
        b.queryParams.addAll(this.queryParams);
        b.cookies.addAll(this.cookies);
        b.remoteAddresses.addAll(this.remoteAddresses);
        return b;
    }

    public @Nullable PathTemplate path() {
        return this.path;
    }

    public @Nullable Pattern pathRegex() {
        return this.pathRegex;
    }

    public List<HostPattern> hosts() {
        return this.hosts;
    }

    /** Upper-case method names; empty means any method. */
    public Set<String> methods() {
        return this.methods;
    }

    public List<ValueCondition> headers() {
        return this.headers;
    }

    public List<ValueCondition> queryParams() {
        return this.queryParams;
    }

    public List<ValueCondition> cookies() {
        return this.cookies;
    }

    public List<CidrRange> remoteAddresses() {
        return this.remoteAddresses;
    }

    /** Whether the path (template or regex) matches a match path. */
    public boolean matchesPath(String matchPath) {
        if (this.path != null) {
            return this.path.matches(matchPath);
        }
        return this.pathRegex == null || this.pathRegex.matcher(matchPath).matches();
    }

    /** Every condition but the path, which the route table has already checked. */
    public boolean matchesNonPath(RequestView request) {
        if (!this.hasNonPathConditions) {
            return true;
        }
        if (!this.methods.isEmpty() && !this.methods.contains(request.method().name())) {
            return false;
        }
        if (!this.hosts.isEmpty()) {
            String host = request.host();
            boolean any = false;
            for (HostPattern pattern : this.hosts) {
                if (pattern.matches(host)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        for (ValueCondition header : this.headers) {
            if (!header.test(request.requestHeaders().get(header.name()))) {
                return false;
            }
        }
        for (ValueCondition param : this.queryParams) {
            if (!param.test(QueryParams.first(request.rawQuery(), param.name()))) {
                return false;
            }
        }
        for (ValueCondition cookie : this.cookies) {
            if (!cookie.test(QueryParams.cookie(request.requestHeaders(), cookie.name()))) {
                return false;
            }
        }
        if (!this.remoteAddresses.isEmpty()) {
            InetSocketAddress remote = request.remoteAddress();
            if (remote == null || remote.getAddress() == null) {
                return false;
            }
            boolean any = false;
            for (CidrRange range : this.remoteAddresses) {
                if (range.contains(remote.getAddress())) {
                    any = true;
                    break;
                }
            }
            return any;
        }
        return true;
    }

    /**
     * Variables of a matched request: a path template's from the raw path (forwarded as sent), a path regex's named
     * groups from the match path (the decoded path the regex matched), and host pattern variables.
     */
    public Map<String, String> extractVariables(String rawPath, String matchPath, String host) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (this.path != null) {
            vars.putAll(this.path.extract(rawPath));
        }
        else if (this.pathRegex != null) {
            Matcher m = this.pathRegex.matcher(matchPath);
            if (m.matches()) {
                for (String group : this.regexGroupNames) {
                    String value = m.group(group);
                    if (value != null) {
                        vars.put(group, value);
                    }
                }
            }
        }
        for (HostPattern pattern : this.hosts) {
            if (pattern.matches(host)) {
                vars.putAll(pattern.extract(host));
                break;
            }
        }
        return vars.isEmpty() ? Map.of() : vars;
    }

    @Override
    public String toString() {
        return "RouteMatch[path=" + (this.path != null ? this.path : this.pathRegex) + ", hosts=" + this.hosts
                + ", methods=" + this.methods + ", headers=" + this.headers + ", query=" + this.queryParams
                + ", cookies=" + this.cookies + ", remote=" + this.remoteAddresses + "]";
    }

    /** Builds a {@link RouteMatch}; every setter validates at once and names the fault. */
    public static final class Builder {

        private @Nullable PathTemplate path;
        private @Nullable Pattern pathRegex;
        private final List<HostPattern> hosts = new ArrayList<>();
        private final Set<String> methods = new LinkedHashSet<>();
        private final List<ValueCondition> headers = new ArrayList<>();
        private final List<ValueCondition> queryParams = new ArrayList<>();
        private final List<ValueCondition> cookies = new ArrayList<>();
        private final List<CidrRange> remoteAddresses = new ArrayList<>();

        private Builder() {
        }

        /** A path template such as {@code /api/users/**}; see {@link PathTemplate}. */
        public Builder path(String pattern) {
            this.path = PathTemplate.parse(pattern);
            return this;
        }

        /** A regular expression the whole match path must match; named groups become URI variables. */
        public Builder pathRegex(String regex) {
            this.pathRegex = Pattern.compile(regex);
            return this;
        }

        public Builder host(String... patterns) {
            for (String pattern : patterns) {
                this.hosts.add(HostPattern.parse(pattern));
            }
            return this;
        }

        public Builder methods(String... methods) {
            for (String method : methods) {
                String m = method.trim().toUpperCase(Locale.ROOT);
                if (m.isEmpty() || !m.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                    throw new IllegalArgumentException("method '" + method + "' is not an HTTP method token");
                }
                this.methods.add(m);
            }
            return this;
        }

        public Builder header(ValueCondition condition) {
            this.headers.add(condition);
            return this;
        }

        public Builder queryParam(ValueCondition condition) {
            this.queryParams.add(condition);
            return this;
        }

        public Builder cookie(ValueCondition condition) {
            this.cookies.add(condition);
            return this;
        }

        public Builder remoteAddress(String... cidrs) {
            for (String cidr : cidrs) {
                this.remoteAddresses.add(CidrRange.parse(cidr));
            }
            return this;
        }

        public RouteMatch build() {
            return new RouteMatch(this);
        }
    }
}
