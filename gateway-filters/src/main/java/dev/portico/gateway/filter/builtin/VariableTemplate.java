package dev.portico.gateway.filter.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portico.gateway.filter.GatewayException;
import dev.portico.gateway.filter.GatewayExchange;

/**
 * A string with {@code {name}} placeholders for the route's URI variables ({@link GatewayExchange#uriVariables()}),
 * parsed once into alternating literals and names so that expanding it is one pass of appends. A doubled
 * <code>&#123;&#123;</code> is a literal <code>&#123;</code>; a lone <code>&#125;</code> is literal.
 *
 * <p>Which variables a route captures is only known when the filter meets a route, so a name the route does not
 * capture is reported per request, as a 500 naming the variable: substituting an empty string would send a wrong
 * path or header without a trace.
 */
final class VariableTemplate {

    private final String source;
    /** {@code literals.length == names.length + 1}: literal, name, literal, ..., literal. */
    private final String[] literals;
    private final String[] names;
    private final int literalLength;

    private VariableTemplate(String source, String[] literals, String[] names) {
        this.source = source;
        this.literals = literals;
        this.names = names;
        int length = 0;
        for (String literal : literals) {
            length += literal.length();
        }
        this.literalLength = length;
    }

    /**
     * Parses {@code source}.
     * @throws IllegalArgumentException for an unclosed <code>&#123;</code> or a malformed name, naming
     *         {@code property}
     */
    static VariableTemplate parse(String property, String source) {
        if (source.indexOf('{') < 0) {
            return new VariableTemplate(source, new String[] { source }, new String[0]);
        }
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < source.length() && source.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
                continue;
            }
            int close = source.indexOf('}', i + 1);
            if (close < 0) {
                throw new IllegalArgumentException(property + ": " + Checks.quote(source) + " has an unclosed '{' at index "
                        + i + " (expected: {name}, or {{ for a literal '{')");
            }
            String name = source.substring(i + 1, close);
            if (!Checks.isVariableName(name)) {
                throw new IllegalArgumentException(property + ": " + Checks.quote(source) + " has variable '{" + name
                        + "}' (expected: {name} with letters, digits, '_' or '-', or {{ for a literal '{')");
            }
            literals.add(literal.toString());
            literal.setLength(0);
            names.add(name);
            i = close + 1;
        }
        literals.add(literal.toString());
        return new VariableTemplate(source, literals.toArray(String[]::new), names.toArray(String[]::new));
    }

    /** Whether the template has no variables: {@link #constant()} is its value. */
    boolean isConstant() {
        return this.names.length == 0;
    }

    /** The value of a template without variables (doubled braces unescaped). */
    String constant() {
        return this.literals[0];
    }

    /** The literal parts, for validation by the owning filter. */
    List<String> literals() {
        return List.of(this.literals);
    }

    List<String> variableNames() {
        return List.of(this.names);
    }

    /**
     * Substitutes the exchange's URI variables (raw, as captured).
     * @throws GatewayException 500 when the route captures no variable of a name the template uses
     */
    String expand(GatewayExchange exchange, String filterName) {
        if (this.names.length == 0) {
            return this.literals[0];
        }
        Map<String, String> variables = exchange.uriVariables();
        StringBuilder sb = new StringBuilder(this.literalLength + 16 * this.names.length);
        sb.append(this.literals[0]);
        for (int i = 0; i < this.names.length; i++) {
            String value = variables.get(this.names[i]);
            if (value == null) {
                throw new GatewayException(500, "Internal Server Error", filterName + " '" + this.source
                        + "': route '" + exchange.routeId() + "' captures no URI variable '" + this.names[i]
                        + "' (expected one of " + variables.keySet() + ")");
            }
            sb.append(value).append(this.literals[i + 1]);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return this.source;
    }
}
