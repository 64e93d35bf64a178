package io.ftrun.dsl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Tells the launcher which JIT the next run of the same command should start with: it cannot know before a JVM
 * has read the script, and reading it twice would cost a second JVM. The launcher names the file
 * ({@code FTRUN_JIT_HINT}, one per working directory and arguments) and reads it at the next start.
 */
final class JitHint {
    private JitHint() {
    }

    /** Writes {@code full} or {@code quick} to {@code file} when it says otherwise; no file named, nothing to do. */
    static void record(String file, boolean optimizing) {
        if (file == null || file.isBlank()) return;
        Path hint = Path.of(file);
        String want = optimizing ? "full" : "quick";
        try {
            if (Files.isRegularFile(hint) && Files.readString(hint, StandardCharsets.US_ASCII).trim().equals(want)) return;
            Path tmp = Files.createTempFile(hint.getParent(), hint.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, want + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, hint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // only a hint: the next start takes the optimizing compiler, which is always correct, if slower to start
        }
    }
}
