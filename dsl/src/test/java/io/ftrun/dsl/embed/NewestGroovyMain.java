package io.ftrun.dsl.embed;

import groovy.lang.GroovySystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@link NewestGroovyTest} runs in a child JVM whose classpath has the newest Groovy instead of the one ftrun
 * is compiled against: every plugin-free sample type-checked, the quickstart for real, and the Gradle sample's
 * self test (a closure body compiled by that Groovy).
 */
public final class NewestGroovyMain {
    private NewestGroovyMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path work = Path.of(args[1]);
        System.out.println("groovy " + GroovySystem.getVersion());

        List<Path> samples;
        try (Stream<Path> s = Files.list(root.resolve("samples"))) {
            samples = s.filter(p -> p.toString().endsWith(".groovy")).sorted().toList();
        }
        for (Path sample : samples) {
            // Samples that apply plugins need the samples module's classes, built after this one: the CLI tests cover them.
            if (Files.readString(sample).contains("plugins {")) continue;
            System.out.println("checked " + Ftrun.script(sample).param("file", "anything").param("dir", "anything").typeChecked(true).check());
        }

        RunReport quick = Ftrun.script(root.resolve("samples/quickstart.groovy")).param("clients", 3).typeChecked(true).run();
        System.out.println("quickstart ok=" + quick.ok() + " files=" + quick.server("inbox").files().size());

        GradleStandIn gradle = new GradleStandIn(work.toFile()).evaluate(root.resolve("samples/gradle/build.gradle"));
        gradle.task("selfTest").run();
        System.out.println("done");
    }
}
