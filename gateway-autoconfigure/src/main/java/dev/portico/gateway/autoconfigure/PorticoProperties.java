package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the Portico gateway: routes, upstreams, filters applied to many routes, forwarding headers and
 * upstream connection pools. Every route and upstream is validated at startup; a mistake stops the application with
 * a message naming the property and the fix. Unknown keys are errors too (a misspelled {@code mtach:} would
 * otherwise leave a route without conditions): Boot's check is on, and
 * {@link dev.portico.gateway.autoconfigure.properties.StrictBindingAdvisor} covers what it misses.
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
    private final Forwarded forwarded = new Forwarded();

    /** Connection pool of each upstream. */
    private final Pool pool = new Pool();

    /**
     * Whether requests no route (and no other handler of the application) answers get a problem+json 404 instead of
     * the application's default error body.
     */
    private boolean notFoundAsProblem = true;

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

    public Forwarded getForwarded() {
        return this.forwarded;
    }

    public Pool getPool() {
        return this.pool;
    }

    public boolean isNotFoundAsProblem() {
        return this.notFoundAsProblem;
    }

    public void setNotFoundAsProblem(boolean notFoundAsProblem) {
        this.notFoundAsProblem = notFoundAsProblem;
    }

    /** One route. */
    public static class RouteProperties {

        /** Unique id of the route; shows in problem responses, logs and metrics. */
        private @Nullable String id;

        /** Target of the route: one node, http(s)://host:port. Set this or 'upstream'. */
        private @Nullable String uri;

        /** Name of the upstream (under portico.upstreams) the route sends to. Set this or 'uri'. */
        private @Nullable String upstream;

        /** Explicit precedence: among matching routes the lowest order wins before path specificity. */
        private int order;

        /** Which requests the route takes. Every condition given must hold. */
        private final MatchProperties match = new MatchProperties();

        /** The route's filters, run in order after global and default filters of equal order. */
        private List<FilterSpec> filters = new ArrayList<>();

        /** Whether the gateway's default filters apply to this route. */
        private boolean defaultFilters = true;

        /** Timeouts overriding the upstream's for this route. */
        private final TimeoutProperties timeouts = new TimeoutProperties();

        /** Free-form metadata for filters and tooling. */
        private Map<String, String> metadata = new LinkedHashMap<>();

        /** Traffic split across upstreams (a canary release), instead of uri or upstream. */
        @NestedConfigurationProperty
        private final SplitProperties split = new SplitProperties();

        /** What the route answers when its upstream cannot. */
        @NestedConfigurationProperty
        private final FallbackProperties fallback = new FallbackProperties();

        public SplitProperties getSplit() {
            return this.split;
        }

        public FallbackProperties getFallback() {
            return this.fallback;
        }

        /** Retries for this route, overriding the upstream's (set attempts to enable). */
        @NestedConfigurationProperty
        private final RetryProperties retry = new RetryProperties();

        /** Hedging delay for this route, overriding the upstream's. */
        private @Nullable Duration hedgeDelay;

        /** A circuit breaker for this route alone, instead of the upstream's. */
        @NestedConfigurationProperty
        private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

        public RetryProperties getRetry() {
            return this.retry;
        }

        public @Nullable Duration getHedgeDelay() {
            return this.hedgeDelay;
        }

        public void setHedgeDelay(@Nullable Duration hedgeDelay) {
            this.hedgeDelay = hedgeDelay;
        }

        public CircuitBreakerProperties getCircuitBreaker() {
            return this.circuitBreaker;
        }

        public @Nullable String getId() {
            return this.id;
        }

        public void setId(@Nullable String id) {
            this.id = id;
        }

        public @Nullable String getUri() {
            return this.uri;
        }

        public void setUri(@Nullable String uri) {
            this.uri = uri;
        }

        public @Nullable String getUpstream() {
            return this.upstream;
        }

        public void setUpstream(@Nullable String upstream) {
            this.upstream = upstream;
        }

        public int getOrder() {
            return this.order;
        }

        public void setOrder(int order) {
            this.order = order;
        }

        public MatchProperties getMatch() {
            return this.match;
        }

        public List<FilterSpec> getFilters() {
            return this.filters;
        }

        public void setFilters(List<FilterSpec> filters) {
            this.filters = filters;
        }

        public boolean isDefaultFilters() {
            return this.defaultFilters;
        }

        public void setDefaultFilters(boolean defaultFilters) {
            this.defaultFilters = defaultFilters;
        }

        public TimeoutProperties getTimeouts() {
            return this.timeouts;
        }

        public Map<String, String> getMetadata() {
            return this.metadata;
        }

        public void setMetadata(Map<String, String> metadata) {
            this.metadata = metadata;
        }
    }

    /** Conditions of a route. */
    public static class MatchProperties {

        /**
         * Path template: literal segments, '{name}' (one segment, captured), '*' (one segment) and a final '**' (any
         * rest, including none), e.g. '/api/users/**' or '/api/users/{id}'.
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

    /** A condition on a header, query parameter or cookie: present; equal to 'value'; or matching 'regex'. */
    public static class ValueConditionProperties {

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

    /** One named upstream. */
    public static class UpstreamProperties {

        /** The upstream's nodes; requests are spread over them by smooth weighted round-robin. */
        private List<NodeProperties> nodes = new ArrayList<>();

        /** Connect, response and overall timeouts of the upstream. */
        private final TimeoutProperties timeouts = new TimeoutProperties();

        /** Load-balancing policy. */
        @NestedConfigurationProperty
        private final LoadBalancerProperties loadBalancer = new LoadBalancerProperties();

        /** Active health checks. */
        @NestedConfigurationProperty
        private final HealthCheckProperties healthCheck = new HealthCheckProperties();

        /** Passive health checks: outlier ejection and slow start. */
        @NestedConfigurationProperty
        private final OutlierDetectionProperties outlierDetection = new OutlierDetectionProperties();

        /** Retries; routes may override. */
        @NestedConfigurationProperty
        private final RetryProperties retry = new RetryProperties();

        /** Hedging delay for idempotent requests: a second attempt after this long without response; unset for none. */
        private @Nullable Duration hedgeDelay;

        /** Circuit breaker; routes may have their own. */
        @NestedConfigurationProperty
        private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

        /** Connection pool of this upstream; unset values come from portico.pool. */
        private final PoolOverride pool = new PoolOverride();

        /** Whether requests still go to all nodes when none is available (panic mode) instead of failing with 503. */
        private boolean panic;

        /**
         * HTTP version spoken to the nodes: http1.1, h2 (HTTP/2 over TLS, negotiated with ALPN, falling back to
         * HTTP/1.1; https nodes) or h2c (HTTP/2 over cleartext with prior knowledge; http nodes).
         */
        private String protocol = "http1.1";

        /** TLS to the https nodes: trusted certificates, client certificate and server name. */
        @NestedConfigurationProperty
        private final UpstreamTlsProperties tls = new UpstreamTlsProperties();

        public String getProtocol() {
            return this.protocol;
        }

        public void setProtocol(String protocol) {
            this.protocol = protocol;
        }

        public UpstreamTlsProperties getTls() {
            return this.tls;
        }

        public LoadBalancerProperties getLoadBalancer() {
            return this.loadBalancer;
        }

        public HealthCheckProperties getHealthCheck() {
            return this.healthCheck;
        }

        public OutlierDetectionProperties getOutlierDetection() {
            return this.outlierDetection;
        }

        public RetryProperties getRetry() {
            return this.retry;
        }

        public @Nullable Duration getHedgeDelay() {
            return this.hedgeDelay;
        }

        public void setHedgeDelay(@Nullable Duration hedgeDelay) {
            this.hedgeDelay = hedgeDelay;
        }

        public CircuitBreakerProperties getCircuitBreaker() {
            return this.circuitBreaker;
        }

        public PoolOverride getPool() {
            return this.pool;
        }

        public boolean isPanic() {
            return this.panic;
        }

        public void setPanic(boolean panic) {
            this.panic = panic;
        }

        public List<NodeProperties> getNodes() {
            return this.nodes;
        }

        public void setNodes(List<NodeProperties> nodes) {
            this.nodes = nodes;
        }

        public TimeoutProperties getTimeouts() {
            return this.timeouts;
        }
    }

    /** Pool limits of one upstream; unset values come from portico.pool. */
    public static class PoolOverride {

        /** Maximum connections to each node. */
        private @Nullable Integer maxConnections;

        /** How long a request may wait for a free connection before failing with 503. */
        private @Nullable Duration pendingAcquireTimeout;

        /** How long an idle pooled connection is kept. */
        private @Nullable Duration maxIdleTime;

        /** The longest a pooled connection is used. */
        private @Nullable Duration maxLifeTime;

        public @Nullable Integer getMaxConnections() {
            return this.maxConnections;
        }

        public void setMaxConnections(@Nullable Integer maxConnections) {
            this.maxConnections = maxConnections;
        }

        public @Nullable Duration getPendingAcquireTimeout() {
            return this.pendingAcquireTimeout;
        }

        public void setPendingAcquireTimeout(@Nullable Duration pendingAcquireTimeout) {
            this.pendingAcquireTimeout = pendingAcquireTimeout;
        }

        public @Nullable Duration getMaxIdleTime() {
            return this.maxIdleTime;
        }

        public void setMaxIdleTime(@Nullable Duration maxIdleTime) {
            this.maxIdleTime = maxIdleTime;
        }

        public @Nullable Duration getMaxLifeTime() {
            return this.maxLifeTime;
        }

        public void setMaxLifeTime(@Nullable Duration maxLifeTime) {
            this.maxLifeTime = maxLifeTime;
        }

        boolean isSet() {
            return this.maxConnections != null || this.pendingAcquireTimeout != null || this.maxIdleTime != null
                    || this.maxLifeTime != null;
        }
    }

    /** One node of an upstream. */
    public static class NodeProperties {

        /** Address of the node: http(s)://host:port, no path. */
        private @Nullable String uri;

        /** Relative share of requests, 1 to 10000. */
        private int weight = 1;

        /** Zone the node runs in (informational; shown in health and available to custom balancers). */
        private @Nullable String zone;

        /** Free-form metadata of the node. */
        private Map<String, String> metadata = new LinkedHashMap<>();

        public @Nullable String getZone() {
            return this.zone;
        }

        public void setZone(@Nullable String zone) {
            this.zone = zone;
        }

        public Map<String, String> getMetadata() {
            return this.metadata;
        }

        public void setMetadata(Map<String, String> metadata) {
            this.metadata = metadata;
        }

        public @Nullable String getUri() {
            return this.uri;
        }

        public void setUri(@Nullable String uri) {
            this.uri = uri;
        }

        public int getWeight() {
            return this.weight;
        }

        public void setWeight(int weight) {
            this.weight = weight;
        }
    }

    /** Timeouts; unset values are inherited (route from upstream, upstream from the defaults 5s and 30s). */
    public static class TimeoutProperties {

        /** Time allowed to open a connection to a node. Upstream default 5s. */
        private @Nullable Duration connect;

        /** Time from sending the request until the response headers arrive. Upstream default 30s. */
        private @Nullable Duration response;

        /** Budget for all attempts (retries, backoff, hedges) until response headers; unset for none. */
        private @Nullable Duration overall;

        public @Nullable Duration getOverall() {
            return this.overall;
        }

        public void setOverall(@Nullable Duration overall) {
            this.overall = overall;
        }

        public @Nullable Duration getConnect() {
            return this.connect;
        }

        public void setConnect(@Nullable Duration connect) {
            this.connect = connect;
        }

        public @Nullable Duration getResponse() {
            return this.response;
        }

        public void setResponse(@Nullable Duration response) {
            this.response = response;
        }
    }

    /** Forwarding headers policy. */
    public static class Forwarded {

        /** Whether X-Forwarded-For/Proto/Host/Port and Forwarded are added to requests sent upstream. */
        private boolean enabled = true;

        /**
         * Addresses (CIDR) of proxies in front of the gateway whose forwarding headers are kept and appended to.
         * From any other client, incoming forwarding headers are removed, since a client could claim any address.
         */
        private List<String> trustedProxies = new ArrayList<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getTrustedProxies() {
            return this.trustedProxies;
        }

        public void setTrustedProxies(List<String> trustedProxies) {
            this.trustedProxies = trustedProxies;
        }
    }

    /** Connection pool settings applied to each upstream. */
    public static class Pool {

        /** Maximum connections to each node of an upstream (Reactor Netty keeps one pool per remote address). */
        private int maxConnections = 512;

        /** How long a request may wait for a free connection before failing with 503. */
        private Duration pendingAcquireTimeout = Duration.ofSeconds(10);

        /** How long an idle pooled connection is kept before it is closed. */
        private Duration maxIdleTime = Duration.ofSeconds(30);

        /** The longest a pooled connection is used before it is closed; unset for no limit. */
        private @Nullable Duration maxLifeTime;

        public int getMaxConnections() {
            return this.maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public Duration getPendingAcquireTimeout() {
            return this.pendingAcquireTimeout;
        }

        public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
            this.pendingAcquireTimeout = pendingAcquireTimeout;
        }

        public Duration getMaxIdleTime() {
            return this.maxIdleTime;
        }

        public void setMaxIdleTime(Duration maxIdleTime) {
            this.maxIdleTime = maxIdleTime;
        }

        public @Nullable Duration getMaxLifeTime() {
            return this.maxLifeTime;
        }

        public void setMaxLifeTime(@Nullable Duration maxLifeTime) {
            this.maxLifeTime = maxLifeTime;
        }
    }
}
