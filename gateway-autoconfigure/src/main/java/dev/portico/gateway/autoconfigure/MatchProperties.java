package dev.portico.gateway.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Conditions of a route; every condition given must hold. See docs/routes.md#match-conditions. */
public class MatchProperties {

    /**
     * Path template: literal segments, '{name}' (one segment, captured), '*' (one segment) and a final '**' (any rest,
     * including none), e.g. '/api/users/**' or '/api/users/{id}'.
     */
    private @Nullable String path;

    /** Regular expression the whole path must match instead of a template; named groups become variables. */
    private @Nullable String pathRegex;

    /** Host patterns, any of which must match: 'api.example.com', '*.example.com', '{tenant}.example.org'. */
    private List<String> hosts = new ArrayList<>();

    /** HTTP methods, any of which must match; empty means any method. */
    private List<String> methods = new ArrayList<>();

    /** Header conditions, all of which must hold. */
    private List<ValueConditionProperties> headers = new ArrayList<>();

    /** Query parameter conditions, all of which must hold. */
    private List<ValueConditionProperties> queryParams = new ArrayList<>();

    /** Cookie conditions, all of which must hold. */
    private List<ValueConditionProperties> cookies = new ArrayList<>();

    /** Client address ranges in CIDR notation (e.g. 10.0.0.0/8, ::1/128), any of which must contain the client. */
    private List<String> remoteAddresses = new ArrayList<>();

    public @Nullable String getPath() {
        return this.path;
    }

    public void setPath(@Nullable String path) {
        this.path = path;
    }

    public @Nullable String getPathRegex() {
        return this.pathRegex;
    }

    public void setPathRegex(@Nullable String pathRegex) {
        this.pathRegex = pathRegex;
    }

    public List<String> getHosts() {
        return this.hosts;
    }

    public void setHosts(List<String> hosts) {
        this.hosts = hosts;
    }

    public List<String> getMethods() {
        return this.methods;
    }

    public void setMethods(List<String> methods) {
        this.methods = methods;
    }

    public List<ValueConditionProperties> getHeaders() {
        return this.headers;
    }

    public void setHeaders(List<ValueConditionProperties> headers) {
        this.headers = headers;
    }

    public List<ValueConditionProperties> getQueryParams() {
        return this.queryParams;
    }

    public void setQueryParams(List<ValueConditionProperties> queryParams) {
        this.queryParams = queryParams;
    }

    public List<ValueConditionProperties> getCookies() {
        return this.cookies;
    }

    public void setCookies(List<ValueConditionProperties> cookies) {
        this.cookies = cookies;
    }

    public List<String> getRemoteAddresses() {
        return this.remoteAddresses;
    }

    public void setRemoteAddresses(List<String> remoteAddresses) {
        this.remoteAddresses = remoteAddresses;
    }
}
