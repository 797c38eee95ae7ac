package dev.portico.gateway.autoconfigure;

import java.util.function.Supplier;

import dev.portico.gateway.route.RouteDefinitionException;
import dev.portico.gateway.upstream.InvalidSpecException;
import org.jspecify.annotations.Nullable;

/**
 * Builds one engine value from properties and places a refusal at its full property path. The engine checks every
 * value and names the property at fault relative to what it builds ({@code attempts}); this only prefixes it
 * ({@code portico.upstreams.users.retry}), so no check is repeated here and no culprit guessed.
 */
final class Specs {

    private Specs() {
    }

    /**
     * The value {@code step} builds.
     * @param property the full path of what {@code step} builds, e.g. {@code portico.routes[3].retry}
     * @param fix the hint for a value the engine refuses without naming a property (a parser's plain
     * {@link IllegalArgumentException}): then {@code property} itself is at fault
     */
    static <T> T valid(@Nullable String routeId, String property, String fix, Supplier<T> step) {
        try {
            return step.get();
        }
        catch (InvalidSpecException ex) {
            throw RouteDefinitionException.of(ex).within(routeId, property);
        }
        catch (RouteDefinitionException ex) {
            throw ex; // already placed (filter factories name their full path)
        }
        catch (IllegalArgumentException ex) {
            throw new RouteDefinitionException(routeId, property, ex.getMessage(), fix, ex);
        }
    }

    static void run(@Nullable String routeId, String property, String fix, Runnable step) {
        valid(routeId, property, fix, () -> {
            step.run();
            return null;
        });
    }
}
