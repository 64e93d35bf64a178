package io.ftrun.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The boundaries the build enforces, on the compiled classes of core and the DSL: {@code internal} packages are
 * a module's own business, never part of a public signature and never reached from another module; the embedding
 * API does not lean on the command line.
 */
class ArchitectureTest {
    /** Main classes only: not this module's tests, not core's test jar. */
    private static final ImportOption MAIN_ONLY = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
    private static final JavaClasses FTRUN = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("io.ftrun");

    @Test
    void noPublicSignatureMentionsAnInternalType() {
        classes().that().resideOutsideOfPackage("..internal..").and().arePublic()
                .should(exposeNoInternalType())
                .check(FTRUN);
    }

    @Test
    void theDslUsesOnlyTheEnginesPublicApi() {
        noClasses().that().resideInAPackage("io.ftrun.dsl..")
                .should().dependOnClassesThat().resideInAPackage("io.ftrun.core.internal..")
                .check(FTRUN);
    }

    /** What a connection can do is on {@code Connection}: only the code that makes socket connections names the class. */
    @Test
    void nothingDowncastsToTheSocketConnection() {
        noClasses().that().resideOutsideOfPackage("io.ftrun.core.internal..")
                .and().doNotHaveFullyQualifiedName("io.ftrun.core.Server").and().doNotHaveFullyQualifiedName("io.ftrun.core.Client")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.ftrun.core.internal.SocketConnection")
                .check(FTRUN);
    }

    @Test
    void theEmbeddingApiDoesNotDependOnTheCommandLine() {
        noClasses().that().resideInAPackage("io.ftrun.dsl.embed..")
                .should().dependOnClassesThat().resideInAPackage("io.ftrun.dsl.cli..")
                .check(FTRUN);
    }

    /**
     * A run has one driver, {@code ScriptExecution}; it is public only because Java has no friend packages: the
     * command line and the embedding API are its adapters, and nothing else may drive a run or reach into one.
     */
    @Test
    void onlyTheAdaptersDriveARun() {
        classes().that().haveFullyQualifiedName("io.ftrun.dsl.ScriptExecution")
                .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("io.ftrun.dsl", "io.ftrun.dsl.cli", "io.ftrun.dsl.embed")
                .check(FTRUN);
    }

    /** Each package says what it is for: core's and the DSL's sources, read from this module's directory. */
    @Test
    void everyPackageHasADocumentation() throws java.io.IOException {
        List<String> missing = new ArrayList<>();
        for (java.nio.file.Path root : List.of(java.nio.file.Path.of("src/main/java"), java.nio.file.Path.of("../core/src/main/java"))) {
            try (java.util.stream.Stream<java.nio.file.Path> dirs = java.nio.file.Files.walk(root)) {
                for (java.nio.file.Path dir : dirs.filter(java.nio.file.Files::isDirectory).toList()) {
                    boolean hasJava;
                    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
                        hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
                    }
                    if (hasJava && !java.nio.file.Files.exists(dir.resolve("package-info.java"))) missing.add(root.relativize(dir).toString());
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), missing, "packages without a package-info.java");
    }

    /** A main file over 300 lines says why at its top ("Over 300 lines ..."), or it is split. */
    @Test
    void aLongFileSaysWhyItIsLong() throws java.io.IOException {
        List<String> unexplained = new ArrayList<>();
        for (java.nio.file.Path root : List.of(java.nio.file.Path.of("src/main/java"), java.nio.file.Path.of("../core/src/main/java"))) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
                for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = java.nio.file.Files.readAllLines(f);
                    boolean explained = lines.stream().limit(6).anyMatch(l -> l.startsWith("// Over 300 lines"));
                    if (lines.size() > 300 && !explained) unexplained.add(root.relativize(f) + " (" + lines.size() + " lines)");
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), unexplained, "files over 300 lines without a reason at their top");
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        return new ArchCondition<>("expose no internal type in a public or protected signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> leaks = new ArrayList<>();
                if (c.getRawSuperclass().isPresent() && isInternal(c.getRawSuperclass().get())) leaks.add("extends " + c.getRawSuperclass().get().getName());
                for (JavaClass i : c.getRawInterfaces()) if (isInternal(i)) leaks.add("implements " + i.getName());
                for (JavaField f : c.getFields()) {
                    if (visible(f.getModifiers()) && isInternal(f.getRawType())) leaks.add("field " + f.getName() + ": " + f.getRawType().getName());
                }
                for (JavaCodeUnit m : c.getCodeUnits()) {
                    if (!visible(m.getModifiers()) || m.getModifiers().contains(JavaModifier.SYNTHETIC)) continue;
                    if (isInternal(m.getRawReturnType())) leaks.add(m.getName() + " returns " + m.getRawReturnType().getName());
                    for (JavaClass p : m.getRawParameterTypes()) {
                        if (isInternal(p)) leaks.add(m.getName() + " takes " + p.getName());
                    }
                }
                for (String leak : leaks) events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + leak));
            }
        };
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static boolean isInternal(JavaClass type) {
        JavaClass t = type.isArray() ? type.getBaseComponentType() : type;
        return t.getPackageName().contains(".internal");
    }
}
