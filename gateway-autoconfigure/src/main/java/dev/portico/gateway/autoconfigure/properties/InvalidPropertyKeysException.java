package dev.portico.gateway.autoconfigure.properties;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown while binding {@code portico.*} when keys would be ignored; {@link PropertyKeysFailureAnalyzer} turns it
 * into the startup report.
 */
public final class InvalidPropertyKeysException extends RuntimeException {

    private final List<KeyProblem> problems;

    public InvalidPropertyKeysException(List<KeyProblem> problems) {
        super(problems.stream().map(p -> p.property() + ": " + p.problem() + "; " + p.fix())
                .collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order of the property names. */
    public List<KeyProblem> problems() {
        return this.problems;
    }
}
