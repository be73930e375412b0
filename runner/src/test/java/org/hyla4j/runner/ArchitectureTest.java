package org.hyla4j.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of hyla4j, checked on the compiled classes of every module (the runner's test class path holds
 * them all): plugins see {@code api} only, {@code core} sees {@code api}, nothing imports the runner, no package cycles, and
 * the runner's packages form layers with no back-edges; compare, reproduce and sweep share one plan and one report writer.
 */
class ArchitectureTest {

    /** The runner's layers, bottom first: each may use only the layers below it. */
    static final List<String> RUNNER_LAYERS = List.of("base", "plugins", "config", "run", "plan", "report", "latent", "bench|sweep", "cli");

    private static final String SWEEP_SERVICE = "org.hyla4j.runner.sweep.SweepService";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hyla4j");
    }

    @Test
    void pluginsDependOnTheApiOnly() {
        noClasses().that().resideInAnyPackage("org.hyla4j.attention..", "org.hyla4j.tasks..").should().dependOnClassesThat()
                .resideInAnyPackage("org.hyla4j.core..", "org.hyla4j.runner..", "org.hyla4j.testkit..").check(classes);
        slices().matching("org.hyla4j.(attention|tasks).(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void coreDependsOnTheApiOnlyAndTheApiOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.hyla4j.core..").should().dependOnClassesThat()
                .resideInAnyPackage("org.hyla4j.runner..", "org.hyla4j.testkit..", "org.hyla4j.attention..", "org.hyla4j.tasks..").check(classes);
        noClasses().that().resideInAPackage("org.hyla4j.api..").should().dependOnClassesThat()
                .resideInAnyPackage("org.hyla4j.core..", "org.hyla4j.runner..", "org.hyla4j.testkit..", "org.hyla4j.attention..",
                        "org.hyla4j.tasks..").check(classes);
    }

    @Test
    void nothingImportsTheRunner() {
        noClasses().that().resideOutsideOfPackage("org.hyla4j.runner..").should().dependOnClassesThat().resideInAPackage("org.hyla4j.runner..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        for (String module : List.of("api", "core", "runner")) {
            slices().matching("org.hyla4j." + module + ".(**)").should().beFreeOfCycles().check(classes);
        }
    }

    @Test
    void compareReproduceAndSweepShareOnePlanAndOneReportWriter() {
        // every grid of runs, whatever command made it, is run and reported by SweepService
        classes().that().haveFullyQualifiedName("org.hyla4j.runner.cli.CompareCommand")
                .or().haveFullyQualifiedName("org.hyla4j.runner.cli.ReproduceCommand")
                .or().haveFullyQualifiedName("org.hyla4j.runner.cli.SweepCommand")
                .should().transitivelyDependOnClassesThat().haveFullyQualifiedName(SWEEP_SERVICE).check(classes);
        // and the one report writer is made in one place: no command keeps a report of its own
        noClasses().that().doNotHaveFullyQualifiedName(SWEEP_SERVICE).should().callConstructorWhere(DescribedPredicate.describe(
                "the sweep report's constructor", (JavaConstructorCall call) -> call.getTargetOwner().getName().equals(
                        "org.hyla4j.runner.sweep.SweepReport"))).check(classes);
        noClasses().should().haveSimpleNameEndingWith("CompareReport").orShould().haveSimpleNameEndingWith("CompareService")
                .check(classes);
    }

    @Test
    void theRunnersLayersHaveNoBackEdges() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("main").definedBy("org.hyla4j.runner");
        List<String> names = new ArrayList<>();
        for (String layer : RUNNER_LAYERS) {
            String[] packages = java.util.Arrays.stream(layer.split("\\|")).map(p -> "org.hyla4j.runner." + p + "..").toArray(String[]::new);
            layers = layers.layer(layer).definedBy(packages);
            names.add(layer);
        }
        layers = layers.whereLayer("main").mayNotBeAccessedByAnyLayer();
        for (int i = 0; i < names.size(); i++) {
            List<String> above = new ArrayList<>(names.subList(i + 1, names.size()));
            above.add("main");
            layers = layers.whereLayer(names.get(i)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        layers.check(classes);
    }
}
