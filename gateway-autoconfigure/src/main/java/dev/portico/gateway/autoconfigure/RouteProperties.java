package dev.portico.gateway.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * One route: which requests it takes, where they go, its filters and its traffic policy (what it sets overrides the
 * upstream's, field by field). See docs/routes.md.
 */
public class RouteProperties {

    /** Unique id of the route; shows in problem responses, logs and metrics. */
    private @Nullable String id;

    /** Target of the route: one node, http(s)://host:port. Set this, 'upstream' or 'split'. */
    private @Nullable String uri;

    /** Name of the upstream (under portico.upstreams) the route sends to. Set this, 'uri' or 'split'. */
    private @Nullable String upstream;

    /** Explicit precedence: among matching routes the lowest order wins before path specificity. */
    private int order;

    /** Which requests the route takes. Every condition given must hold. */
    @NestedConfigurationProperty
    private final MatchProperties match = new MatchProperties();

    /** The route's filters, run in order after global and default filters of equal order. */
    private List<FilterSpec> filters = new ArrayList<>();

    /** Whether the gateway's default filters apply to this route. */
    private boolean defaultFilters = true;

    /**
     * Whether the route takes unauthenticated requests on purpose (the YAML key is 'public'). Where Spring Security
     * protects the application, or portico.require-authentication is set, a route without an authentication filter
     * that is not public stops startup.
     */
    private boolean publicAccess;

    /** Timeouts overriding the upstream's for this route, each one separately; unset ones are the upstream's. */
    @NestedConfigurationProperty
    private final TimeoutProperties timeouts = new TimeoutProperties();

    /** Retries for this route, replacing the upstream's policy as a whole when attempts is set. */
    @NestedConfigurationProperty
    private final RetryProperties retry = new RetryProperties();

    /** Hedging delay for this route, overriding the upstream's; unset for the upstream's. */
    private @Nullable Duration hedgeDelay;

    /** A circuit breaker for this route alone (default name route-<id>), instead of the upstream's. */
    @NestedConfigurationProperty
    private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

    /** Traffic split across upstreams (a canary release), instead of uri or upstream. */
    @NestedConfigurationProperty
    private final SplitProperties split = new SplitProperties();

    /** What the route answers when its upstream cannot. */
    @NestedConfigurationProperty
    private final FallbackProperties fallback = new FallbackProperties();

    /** Free-form metadata for filters and tooling. */
    private Map<String, String> metadata = new LinkedHashMap<>();

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

    /** Whether the route takes unauthenticated requests on purpose: {@code public: true}. */
    public boolean isPublic() {
        return this.publicAccess;
    }

    public void setPublic(boolean publicAccess) {
        this.publicAccess = publicAccess;
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

    public SplitProperties getSplit() {
        return this.split;
    }

    public FallbackProperties getFallback() {
        return this.fallback;
    }

    public Map<String, String> getMetadata() {
        return this.metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }
}
