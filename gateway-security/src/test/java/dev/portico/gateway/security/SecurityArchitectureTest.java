package dev.portico.gateway.security;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.portico.gateway.filter.GatewayFilterFactory;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The security module builds on the engine's filter API, never on its internals, and never on Spring Boot. */
class SecurityArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.portico.gateway.security");

    @Test
    void usesTheFilterApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.portico.gateway.internal..",
                "dev.portico.gateway.server..", "dev.portico.gateway.proxy..", "dev.portico.gateway.response..",
                "dev.portico.gateway.cluster..", "org.springframework.boot..").check(CLASSES);
    }

    @Test
    void concernsAreIndependent() {
        // each concern stands alone; shared are the consumer model, identity headers and internal checks
        slices().matching("dev.portico.gateway.security.(*)..").should().notDependOnEachOther()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage("dev.portico.gateway.security.."),
                        JavaClass.Predicates.resideInAnyPackage("dev.portico.gateway.security.consumer..",
                                "dev.portico.gateway.security.identity..", "dev.portico.gateway.security.internal.."))
                .check(CLASSES);
    }

    @Test
    void everySelfContainedFilterIsListedOnceByName() {
        List<String> names = SecurityFilters.factories().stream().map(GatewayFilterFactory::name).toList();
        assertThat(names).containsExactly("cors", "ip-restriction", "request-validation", "secure-headers",
                "consumer-restriction", "identity-headers");
    }
}
