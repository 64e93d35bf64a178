package io.ftrun.dsl.embed;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a child JVM (this JDK), its output in a file: for what must be seen from outside a JVM. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The exit code ({@code -1} if it had to be killed at the timeout) and everything it printed. */
    public record Result(int exit, String output) {
        public boolean timedOut() {
            return exit == -1;
        }
    }

    /** This test run's classpath, one entry per element. */
    public static List<String> testClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(File.pathSeparator));
    }

    public static Result run(Path outputFile, Duration timeout, List<String> classpath, String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), mainClass));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outputFile.toFile()).start();
        boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return new Result(exited ? p.exitValue() : -1, Files.readString(outputFile, StandardCharsets.UTF_8));
    }
}
