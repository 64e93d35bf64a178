package io.ftrun.dsl.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing keeps the JVM alive after stop: a child JVM whose main embeds ftrun exits by itself when main returns. */
class JvmExitTest {
    @TempDir
    Path dir;

    @Test
    void aProgramThatStopsItsRunsExitsWithoutSystemExit() throws Exception {
        ChildJvm.Result r = ChildJvm.run(dir.resolve("out.txt"), Duration.ofSeconds(60), ChildJvm.testClasspath(),
                EmbeddedMain.class.getName(), dir.toString());
        String out = r.output();
        assertFalse(r.timedOut(), "the child JVM is still alive after main returned:\n" + out);
        assertEquals(0, r.exit(), out);
        assertTrue(out.contains("upload ok=true received=[file_1.bin] bytes=123456"), out);
        assertTrue(out.contains("main returns"), out);
        assertFalse(out.contains("non-daemon thread left"), out);
        assertTrue(new File(dir.toFile(), "inbox/file_1.bin").length() == 123_456, out);
    }
}
