package dev.portico.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's package structure, as rules that fail the build when broken. The layers, bottom up:
 *
 * <pre>
 *   internal                      utilities, no dependency on the rest of the engine
 *   filter                        the filter API: exchange, filter contracts, attributes, request view
 *   filter.builtin                built-in filters: the filter API only
 *   upstream, route               definitions: immutable specs, validated when built
 *   endpoint, balancer, health    runtime state of upstream nodes
 *   cluster                       the live upstream: pool, clients, endpoints, balancer, health checking
 *   response                      the one response writer
 *   proxy                         forwarding: attempts, retries, hedging
 *   server                        the gateway: route table, compiled chains, the Reactor Netty handler
 * </pre>
 */
class ArchitectureTest {

    private static final String ENGINE = "dev.portico.gateway";

    private static final JavaClasses ENGINE_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ENGINE);

    @Test
    void packagesAreFreeOfCycles() {
        // every package is its own slice: a cycle between a package and its sub-package counts too
        slices().matching(ENGINE + ".(**)").should().beFreeOfCycles().check(ENGINE_CLASSES);
    }

    @Test
    void engineNeverImportsSpringBoot() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..")
                .because("the engine is built from plain Java builders; Boot binds properties onto it")
                .check(ENGINE_CLASSES);
    }

    @Test
    void builtinFiltersUseTheFilterApiOnly() {
        classes().that().resideInAPackage(ENGINE + ".filter.builtin")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ENGINE + ".filter..", ENGINE + ".internal",
                        "java..", "io.netty..", "reactor..", "org.reactivestreams..", "org.jspecify..",
                        "org.springframework.core..", "org.springframework.util..")
                .because("a built-in filter must be writable as a user's filter: nothing but the filter API")
                .check(ENGINE_CLASSES);
    }

    @Test
    void filterApiKnowsNothingOfRoutesUpstreamsOrTheConnection() {
        noClasses().that().resideInAPackage(ENGINE + ".filter..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".route..", ENGINE + ".upstream..",
                        ENGINE + ".endpoint..", ENGINE + ".balancer..", ENGINE + ".health..", ENGINE + ".cluster..",
                        ENGINE + ".response..", ENGINE + ".proxy..", ENGINE + ".server..")
                .check(ENGINE_CLASSES);
    }

    @Test
    void filterApiNeverHandsOutTheServerConnection() {
        noClasses().that().resideInAPackage(ENGINE + ".filter..")
                .should().dependOnClassesThat().haveFullyQualifiedName("reactor.netty.http.server.HttpServerResponse")
                .because("a filter must not write to the client behind the chain's back")
                .check(ENGINE_CLASSES);
    }

    @Test
    void definitionsHoldNoRuntimeState() {
        noClasses().that().resideInAnyPackage(ENGINE + ".upstream..", ENGINE + ".route..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE + ".endpoint..", ENGINE + ".balancer..",
                        ENGINE + ".health..", ENGINE + ".cluster..", ENGINE + ".response..", ENGINE + ".proxy..",
                        ENGINE + ".server..")
                .check(ENGINE_CLASSES);
    }

    @Test
    void internalUtilitiesDependOnNothingElseOfTheEngine() {
        noClasses().that().resideInAPackage(ENGINE + ".internal..")
                .should().dependOnClassesThat().resideOutsideOfPackage(ENGINE + ".internal..")
                .andShould().dependOnClassesThat().resideInAPackage(ENGINE + "..")
                .check(ENGINE_CLASSES);
    }

    @Test
    void onlyTheEngineTouchesReactorNettyInternals() {
        noClasses().that().doNotHaveFullyQualifiedName(ENGINE + ".proxy.ReactorNettyErrors")
                .should().dependOnClassesThat().resideInAPackage("reactor.netty.internal..")
                .because("shaded Reactor Netty internals change without notice: one adapter breaks, not the engine")
                .check(ENGINE_CLASSES);
    }
}
