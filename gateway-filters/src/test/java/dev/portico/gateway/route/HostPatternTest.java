package dev.portico.gateway.route;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HostPatternTest {

    @Test
    void exactNameMatchesItselfOnly() {
        HostPattern p = HostPattern.parse("API.example.com");
        assertThat(p.matches("api.example.com")).isTrue();
        assertThat(p.matches("www.api.example.com")).isFalse();
        assertThat(p.matches("api.example.co")).isFalse();
        assertThat(p.matches("api.example.com.evil")).isFalse();
        assertThat(p.source()).isEqualTo("API.example.com");
    }

    @Test
    void leadingWildcardMatchesOneOrMoreLabels() {
        HostPattern p = HostPattern.parse("*.example.com");
        assertThat(p.matches("a.example.com")).isTrue();
        assertThat(p.matches("a.b.example.com")).isTrue();
        assertThat(p.matches("example.com")).isFalse();
        assertThat(p.matches(".example.com")).isFalse();
        assertThat(p.matches("badexample.com")).isFalse();
        assertThat(p.extract("a.example.com")).isEmpty();
    }

    @Test
    void templateLabelsMatchExactlyOneLabel() {
        HostPattern p = HostPattern.parse("{sub}.x.org");
        assertThat(p.matches("a.x.org")).isTrue();
        assertThat(p.matches("a.b.x.org")).isFalse();
        assertThat(p.matches(".x.org")).isFalse();
        assertThat(p.matches("x.org")).isFalse();
        assertThat(p.matches("a.x.orgs")).isFalse();
        assertThat(p.extract("tenant-1.x.org")).containsExactly(java.util.Map.entry("sub", "tenant-1"));
    }

    @Test
    void variableNamesKeepTheirCase() {
        HostPattern p = HostPattern.parse("{tenantId}.Example.org");
        assertThat(p.matches("acme.example.org")).isTrue();
        assertThat(p.extract("acme.example.org")).containsExactly(java.util.Map.entry("tenantId", "acme"));
    }

    @Test
    void variablesMayAppearInAnyLabel() {
        HostPattern p = HostPattern.parse("api.{region}.example.com");
        assertThat(p.matches("api.eu.example.com")).isTrue();
        assertThat(p.matches("web.eu.example.com")).isFalse();
        assertThat(p.extract("api.eu.example.com")).containsEntry("region", "eu");
    }

    @Test
    void rejectsPatternsThatAreNotHostNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> HostPattern.parse(""));
        assertThatIllegalArgumentException().isThrownBy(() -> HostPattern.parse("example.com:8080"))
                .withMessageContaining("example.com:8080");
        assertThatIllegalArgumentException().isThrownBy(() -> HostPattern.parse("example.com/x"));
        assertThatIllegalArgumentException().isThrownBy(() -> HostPattern.parse("a.*.com"))
                .withMessageContaining("'*'");
        assertThatIllegalArgumentException().isThrownBy(() -> HostPattern.parse("*.*.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> HostPattern.parse("a..com"));
        assertThatIllegalArgumentException().isThrownBy(() -> HostPattern.parse("a{b}.com"));
    }
}
