package io.ftrun.dsl.cli;

/** Runs the {@code ftrun} command in this JVM, for tests outside this package: {exit code, stdout, stderr}. */
public final class CliHarness {
    private CliHarness() {
    }

    public static String[] ftrun(String... args) {
        return DslExamplesTest.ftrun(args);
    }
}
