package dev.portico.gateway.upstream;

/**
 * A definition value the engine refuses, naming the property at fault relative to the object being built
 * ({@code attempts} of a {@link RetryPolicy}, {@code timeout} of a {@link HealthCheckSpec}, {@code tls} of an
 * {@link Upstream}). Whoever knows where that object came from prefixes the path ({@link #within}): the
 * auto-configuration turns {@code attempts} into {@code portico.upstreams.users.retry.attempts}. The engine is the one
 * place that checks a value, so the property it names is never guessed afterwards.
 *
 * <p>The message reads on its own for Java users ({@code "health-check timeout: PT2S (expected: < interval PT2S)"});
 * {@link #property()}, {@link #problem()} and {@link #fix()} are its parts, for reports that name the property once.
 */
public final class InvalidSpecException extends IllegalArgumentException {

    private final String property;
    private final String problem;
    private final String fix;

    private InvalidSpecException(String message, String property, String problem, String fix) {
        super(message);
        this.property = property;
        this.problem = problem;
        this.fix = fix;
    }

    /**
     * {@code "<spec> <property>: <problem> (<fix>)"}, e.g. {@code of("health-check", "interval", "PT0S", "expected: > 0")}.
     * @param spec what is being built, as users configure it ({@code health-check}); empty to leave it out
     */
    public static InvalidSpecException of(String spec, String property, Object problem, String fix) {
        String message = (spec.isEmpty() ? "" : spec + " ") + property + ": " + problem + " (" + fix + ")";
        return new InvalidSpecException(message, property, String.valueOf(problem), fix);
    }

    /** With a message of its own, for problems that do not read as {@code property: value}. */
    public static InvalidSpecException withMessage(String message, String property, String problem, String fix) {
        return new InvalidSpecException(message, property, problem, fix);
    }

    /** The property at fault, relative to the object built ({@code attempts}); empty when it is the value itself. */
    public String property() {
        return this.property;
    }

    /** What is wrong, without the property: {@code "0"}, {@code "required for consistent-hash"}. */
    public String problem() {
        return this.problem;
    }

    /** What is expected: {@code "expected: 1-10, including the first"}. */
    public String fix() {
        return this.fix;
    }

    /** This problem seen from an enclosing object: {@code within("retry")} names {@code retry.attempts}. */
    public InvalidSpecException within(String prefix) {
        String path = prefix.isEmpty() ? this.property : this.property.isEmpty() ? prefix : prefix + "." + this.property;
        InvalidSpecException ex = new InvalidSpecException(getMessage(), path, this.problem, this.fix);
        ex.initCause(this);
        return ex;
    }
}
