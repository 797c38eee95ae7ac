package dev.portico.gateway.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the Portico gateway: routes, upstreams, filters applied to many routes, forwarding headers and
 * upstream connection pools. Every route and upstream is validated at startup; a mistake stops the application with
 * a message naming the property and the fix. Unknown keys are errors too (a misspelled {@code mtach:} would
 * otherwise leave a route without conditions): Boot's check is on, and
 * {@link dev.portico.gateway.autoconfigure.properties.StrictBindingAdvisor} covers what it misses. Defaults of
 * traffic, health and pool settings are the engine's: a value left unset here is not passed on, so the engine's
 * default applies (see {@code TrafficPolicyMapper} and {@code UpstreamPolicyMapper}).
 */
@ConfigurationProperties(prefix = "portico", ignoreUnknownFields = false)
public class PorticoProperties {

    /** Whether the gateway is enabled. */
    private boolean enabled = true;

    /**
     * Routes, in declaration order. Among routes matching one request the lowest order wins, then the most specific
     * path, then the route declared first.
     */
    private List<RouteProperties> routes = new ArrayList<>();

    /** Named upstreams that routes refer to with 'upstream: name'. */
    private Map<String, UpstreamProperties> upstreams = new LinkedHashMap<>();

    /** Filters applied to every route, before the default and route filters of equal order. */
    private List<FilterSpec> globalFilters = new ArrayList<>();

    /** Filters applied to every route that does not set 'default-filters: false'. */
    private List<FilterSpec> defaultFilters = new ArrayList<>();

    /** How X-Forwarded-* and Forwarded headers are sent upstream. */
    @NestedConfigurationProperty
    private final ForwardedProperties forwarded = new ForwardedProperties();

    /** Connection pool of each upstream; an upstream may override any value. */
    @NestedConfigurationProperty
    private final PoolProperties pool = new PoolProperties();

    /**
     * Whether requests no route (and no other handler of the application) answers get a problem+json 404 instead of the
     * application's default error body.
     */
    private boolean notFoundAsProblem = true;

    /**
     * Whether every route must have an authentication filter or be marked 'public: true'. On by itself where Spring
     * Security protects the application (a SecurityWebFilterChain or WebFilterChainProxy bean exists), since Spring
     * Security does not see gateway routes; set true to require it anyway. It cannot be switched off: mark open routes
     * public instead.
     */
    private boolean requireAuthentication;

    /**
     * Consumers by name (the name is the consumer's id unless 'id' is set): their groups, metadata and credentials
     * for key-auth and basic-auth. Bound by the security auto-configuration; declared here so that the strict key
     * check and the schema know them.
     */
    private Map<String, ConsumerProperties> consumers = new LinkedHashMap<>();

    /**
     * Security settings that are not per route (JWT issuers, the token cache). Bound by the JWT auto-configuration;
     * declared here so that the strict key check and the schema know them.
     */
    @NestedConfigurationProperty
    private final SecurityProperties security = new SecurityProperties();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<RouteProperties> getRoutes() {
        return this.routes;
    }

    public void setRoutes(List<RouteProperties> routes) {
        this.routes = routes;
    }

    public Map<String, UpstreamProperties> getUpstreams() {
        return this.upstreams;
    }

    public void setUpstreams(Map<String, UpstreamProperties> upstreams) {
        this.upstreams = upstreams;
    }

    public List<FilterSpec> getGlobalFilters() {
        return this.globalFilters;
    }

    public void setGlobalFilters(List<FilterSpec> globalFilters) {
        this.globalFilters = globalFilters;
    }

    public List<FilterSpec> getDefaultFilters() {
        return this.defaultFilters;
    }

    public void setDefaultFilters(List<FilterSpec> defaultFilters) {
        this.defaultFilters = defaultFilters;
    }

    public ForwardedProperties getForwarded() {
        return this.forwarded;
    }

    public PoolProperties getPool() {
        return this.pool;
    }

    public boolean isNotFoundAsProblem() {
        return this.notFoundAsProblem;
    }

    public void setNotFoundAsProblem(boolean notFoundAsProblem) {
        this.notFoundAsProblem = notFoundAsProblem;
    }

    public boolean isRequireAuthentication() {
        return this.requireAuthentication;
    }

    public void setRequireAuthentication(boolean requireAuthentication) {
        this.requireAuthentication = requireAuthentication;
    }

    public Map<String, ConsumerProperties> getConsumers() {
        return this.consumers;
    }

    public void setConsumers(Map<String, ConsumerProperties> consumers) {
        this.consumers = consumers;
    }

    public SecurityProperties getSecurity() {
        return this.security;
    }
}
