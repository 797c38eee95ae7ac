package dev.portico.gateway.autoconfigure.properties;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.origin.Origin;

/**
 * A {@code portico.*} key that would not take effect as written: unknown, below a plain value, or in a list whose
 * elements would be dropped.
 *
 * @param property the full property name as found, e.g. {@code portico.routes[0].mtach.path}
 * @param value the value given, if any
 * @param origin where it was set (file and line, or property source), if known
 * @param problem what is wrong, naming what is allowed there
 * @param fix what to write instead, with a "did you mean" where one is close
 */
public record KeyProblem(String property, @Nullable Object value, @Nullable Origin origin, String problem, String fix) {
}
