package dev.portico.gateway.filter.builtin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VariableTemplateTest {

    @Test
    void textWithoutBracesIsAConstant() {
        VariableTemplate template = VariableTemplate.parse("value", "edge } gateway");
        assertThat(template.isConstant()).isTrue();
        assertThat(template.constant()).isEqualTo("edge } gateway");
        assertThat(template.expand(Exchanges.get("/"), "test")).isSameAs(template.constant());
    }

    @Test
    void splitsIntoLiteralsAndNames() {
        VariableTemplate template = VariableTemplate.parse("value", "{a}-{b_2}x{c-d}");
        assertThat(template.literals()).containsExactly("", "-", "x", "");
        assertThat(template.variableNames()).containsExactly("a", "b_2", "c-d");
    }

    @Test
    void doubledBraceIsALiteralBrace() {
        VariableTemplate template = VariableTemplate.parse("value", "{{\"k\": 1}");
        assertThat(template.isConstant()).isTrue();
        assertThat(template.constant()).isEqualTo("{\"k\": 1}");
    }

    @Test
    void rejectsUnclosedAndMalformedVariables() {
        assertThatIllegalArgumentException().isThrownBy(() -> VariableTemplate.parse("value", "a{b"))
                .withMessage("value: 'a{b' has an unclosed '{' at index 1 (expected: {name}, or {{ for a literal '{')");
        assertThatIllegalArgumentException().isThrownBy(() -> VariableTemplate.parse("value", "{}"))
                .withMessageStartingWith("value: '{}' has variable '{}'");
        assertThatIllegalArgumentException().isThrownBy(() -> VariableTemplate.parse("value", "{\"k\": 1}"))
                .withMessageEndingWith("or {{ for a literal '{')");
    }
}
