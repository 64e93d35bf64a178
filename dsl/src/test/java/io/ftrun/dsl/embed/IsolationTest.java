package io.ftrun.dsl.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No state leaks between runs in one JVM: one after the other, and side by side with the same names. */
@Timeout(60)
class IsolationTest {
    @TempDir
    Path dir;

    @Test
    void runsOneAfterTheOtherStartFresh() throws Exception {
        Path file = Scripts.randomFile(dir, "f.bin", 5000, 4);
        FtrunRunner runner = Ftrun.text("up.groovy", Scripts.SELF_UPLOAD).param("file", file);
        for (int round = 1; round <= 3; round++) {
            Path inbox = dir.resolve("in" + round);
            RunReport r = runner.param("dir", inbox).param("n", round).run();
            assertTrue(r.ok(), r::toString);
            assertEquals(round, r.server("inbox").files().size(), "round " + round + " sees only its own transfers");
            assertEquals(round, r.clients().size());
            assertEquals(round, Files.list(inbox).filter(p -> !p.getFileName().toString().startsWith(".")).count());
        }
    }

    @Test
    void runsSideBySideKeepTheirOwnServersParamsAndReports() throws Exception {
        Running a = Ftrun.text("receiver.groovy", Scripts.RECEIVER).param("dir", dir.resolve("a")).start();
        Running b = Ftrun.text("receiver.groovy", Scripts.RECEIVER).param("dir", dir.resolve("b")).start();
        try {
            assertNotEquals(a.port(), b.port());
            Scripts.rawUpload(a.port(), "to a".getBytes(StandardCharsets.UTF_8));
            Scripts.rawUpload(b.port(), "to b, once".getBytes(StandardCharsets.UTF_8));
            Scripts.rawUpload(b.port(), "to b, twice".getBytes(StandardCharsets.UTF_8));
            RunReport ra = a.stop();
            assertTrue(b.isRunning(), "stopping one run leaves the other up");
            Scripts.rawUpload(b.port(), "to b, after a stopped".getBytes(StandardCharsets.UTF_8));
            RunReport rb = b.stop();
            assertEquals(List.of("file_1.bin"), ra.server("inbox").files());
            assertEquals(3, rb.server("inbox").files().size());
            assertEquals("to a", Files.readString(dir.resolve("a/file_1.bin")));
            assertEquals("to b, after a stopped", Files.readString(dir.resolve("b/file_3.bin")));
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void concurrentRunsOfTheSameScriptDoNotSeeEachOther() throws Exception {
        Path file = Scripts.randomFile(dir, "f.bin", 20_000, 5);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RunReport>> runs = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int n = i;
                Callable<RunReport> run = () -> Ftrun.text("up.groovy", Scripts.SELF_UPLOAD)
                        .params(Map.of("dir", dir.resolve("run" + n), "file", file, "n", n)).run();
                runs.add(pool.submit(run));
            }
            for (int i = 1; i <= 4; i++) {
                RunReport r = runs.get(i - 1).get();
                assertTrue(r.ok(), r::toString);
                assertEquals(i, r.server("inbox").files().size());
                assertEquals(i * 20_000L, r.server("inbox").bytesIn());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
