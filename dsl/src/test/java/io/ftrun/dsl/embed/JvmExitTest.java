package io.ftrun.dsl.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing keeps the JVM alive after stop: a child JVM whose main embeds ftrun exits by itself when main returns. */
class JvmExitTest {
    @TempDir
    Path dir;

    @Test
    void aProgramThatStopsItsRunsExitsWithoutSystemExit() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(javaBin, "-cp", cp, EmbeddedMain.class.getName(), dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        boolean exited = p.waitFor(60, TimeUnit.SECONDS);
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        if (!exited) p.destroyForcibly();
        assertTrue(exited, "the child JVM is still alive after main returned:\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("upload ok=true received=[file_1.bin] bytes=123456"), out);
        assertTrue(out.contains("main returns"), out);
        assertFalse(out.contains("non-daemon thread left"), out);
        assertTrue(new File(dir.toFile(), "inbox/file_1.bin").length() == 123_456, out);
    }
}
