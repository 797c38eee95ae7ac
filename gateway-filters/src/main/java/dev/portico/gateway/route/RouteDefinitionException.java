package dev.portico.gateway.route;

import dev.portico.gateway.upstream.InvalidSpecException;
import org.jspecify.annotations.Nullable;

/**
 * An invalid route or upstream definition. Carries what a user needs to fix it: the route (or upstream) id, the
 * property at fault, what was wrong and what is expected. Thrown while routes compile, never per request.
 */
public final class RouteDefinitionException extends IllegalArgumentException {

    private final @Nullable String routeId;
    private final String property;
    private final String problem;
    private final String fix;

    public RouteDefinitionException(@Nullable String routeId, String property, String problem, String fix) {
        this(routeId, property, problem, fix, null);
    }

    public RouteDefinitionException(@Nullable String routeId, String property, String problem, String fix,
            @Nullable Throwable cause) {
        super(message(routeId, property, problem, fix), cause);
        this.routeId = routeId;
        this.property = property;
        this.problem = problem;
        this.fix = fix;
    }

    private static String message(@Nullable String routeId, String property, String problem, String fix) {
        return (routeId == null ? "" : "route '" + routeId + "': ") + property + ": " + problem + " (" + fix + ")";
    }

    /** The id of the route at fault, or {@code null} when the fault is not in one route. */
    public @Nullable String routeId() {
        return this.routeId;
    }

    /** The property (relative to the route) at fault, e.g. {@code filters[1].strip-prefix}. */
    public String property() {
        return this.property;
    }

    /** What is wrong, e.g. {@code "unknown filter 'strip-prefx'"}. */
    public String problem() {
        return this.problem;
    }

    /** What to do about it, e.g. {@code "expected one of: strip-prefix, ..."}. */
    public String fix() {
        return this.fix;
    }

    /**
     * A spec the engine refused, with its property as the engine named it (relative to the spec); place it with
     * {@link #within}: {@code RouteDefinitionException.of(ex).within(null, "portico.upstreams.users.retry")}.
     */
    public static RouteDefinitionException of(InvalidSpecException ex) {
        return new RouteDefinitionException(null, ex.property(), ex.problem(), ex.fix(), ex);
    }

    /**
     * A copy that names a route and a property prefix: used when a nested definition fails inside a route. An empty
     * property (the failing value is the prefix itself) becomes the prefix.
     */
    public RouteDefinitionException within(@Nullable String routeId, String propertyPrefix) {
        String prop = propertyPrefix.isEmpty() ? this.property
                : this.property.isEmpty() ? propertyPrefix : propertyPrefix + "." + this.property;
        return new RouteDefinitionException(this.routeId != null ? this.routeId : routeId, prop, this.problem,
                this.fix, getCause());
    }
}
