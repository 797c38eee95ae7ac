package dev.portico.gateway.autoconfigure.properties;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * The startup report for misspelled or dropped {@code portico.*} keys: each property with its value and origin,
 * what is allowed where it is, and the closest allowed key. Handles our {@link InvalidPropertyKeysException} and
 * Boot's own unbound-properties error for {@code portico.*}; it runs before Boot's analyzers, whose report for the
 * same failure would only say "left unbound".
 */
public final class PropertyKeysFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final String NL = System.lineSeparator();

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PorticoNamespace.PREFIX);

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidPropertyKeysException ex) {
                return report(ex.problems(), ex);
            }
            if (t instanceof UnboundConfigurationPropertiesException ex) {
                List<KeyProblem> problems = fromUnbound(ex);
                return problems.isEmpty() ? null : report(problems, ex);
            }
        }
        return null;
    }

    private static List<KeyProblem> fromUnbound(UnboundConfigurationPropertiesException ex) {
        List<KeyProblem> problems = new ArrayList<>();
        KeyCheck check = null;
        for (ConfigurationProperty property : ex.getUnboundProperties()) {
            if (ROOT.isAncestorOf(property.getName())) {
                if (check == null) {
                    check = new KeyCheck(PorticoNamespace.shape(PropertyKeysFailureAnalyzer.class.getClassLoader()));
                }
                KeyProblem problem = check.check(property);
                problems.add(problem != null ? problem : KeyCheck.dropped(property));
            }
        }
        return problems;
    }

    private static FailureAnalysis report(List<KeyProblem> problems, Throwable cause) {
        StringBuilder description = new StringBuilder("Portico could not start: ")
                .append(problems.size() == 1 ? "a portico.* property is" : problems.size() + " portico.* properties are")
                .append(" not valid (a misspelled key would otherwise be ignored silently).");
        StringBuilder action = new StringBuilder();
        for (KeyProblem p : problems) {
            description.append(NL).append(NL).append("    Property: ").append(p.property());
            if (p.value() != null) {
                description.append(NL).append("    Value:    \"").append(p.value()).append('"');
            }
            if (p.origin() != null) {
                description.append(NL).append("    Origin:   ").append(p.origin());
            }
            description.append(NL).append("    Problem:  ").append(p.problem());
            action.append("Fix ").append(p.property()).append(": ").append(p.fix()).append(NL);
        }
        action.append("See docs/configuration.md; with the JSON schema (docs/configuration.md#editor-support) the"
                + " editor flags such keys as you type.");
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before Boot's UnboundConfigurationPropertyFailureAnalyzer
    }
}
