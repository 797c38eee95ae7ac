package dev.portico.gateway.autoconfigure;

import dev.portico.gateway.route.RouteDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns an invalid route, upstream or filter definition into a startup report that names the route, the property
 * and the fix, instead of a bean-creation stack trace.
 */
final class RouteDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<RouteDefinitionException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RouteDefinitionException cause) {
        StringBuilder description = new StringBuilder("Portico could not start: ");
        description.append(cause.routeId() != null ? "route '" + cause.routeId() + "' is invalid." : "the gateway configuration is invalid.");
        description.append(System.lineSeparator()).append(System.lineSeparator())
                .append("    Property: ").append(cause.property()).append(System.lineSeparator())
                .append("    Problem:  ").append(cause.problem());
        return new FailureAnalysis(description.toString(),
                "Fix " + cause.property() + ": " + cause.fix() + ". See docs/configuration.md.", cause);
    }

    /** Before Boot's bind report: an enum value outside its set fails in binding, wrapped in a BindException. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
