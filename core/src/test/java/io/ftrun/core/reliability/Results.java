package io.ftrun.core.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one row per scenario to {@code target/reliability-results.md}: what was tried, how many, what was lost,
 * how long it took. docs/RELIABILITY.md quotes a run of it. Written to a file, not stdout, so test output stays quiet.
 */
final class Results {
    private static final Path FILE = Path.of("target", "reliability-results.md");

    private Results() {
    }

    static synchronized void record(String scenario, String tried, String outcome, String lost, long startNanos) {
        String row = String.format("| %s | %s | %s | %s | %.1f s |%n", scenario, tried, outcome, lost, (System.nanoTime() - startNanos) / 1e9);
        try {
            Files.createDirectories(FILE.getParent());
            if (!Files.exists(FILE)) {
                Files.writeString(FILE, "| scenario | tried | outcome | lost | time |\n|---|---|---|---|---|\n", StandardCharsets.UTF_8);
            }
            Files.writeString(FILE, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + FILE, e);
        }
    }
}
