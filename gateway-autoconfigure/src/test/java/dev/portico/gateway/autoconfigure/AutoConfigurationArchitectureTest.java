package dev.portico.gateway.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The auto-configuration uses the engine's API, never its internals. */
class AutoConfigurationArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.portico.gateway.autoconfigure");

    @Test
    void neverUsesTheEnginesInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.portico.gateway.internal..",
                "reactor.netty.internal..")
                .because("engine internals change without notice; the auto-configuration binds onto the engine's API")
                .check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.portico.gateway.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
