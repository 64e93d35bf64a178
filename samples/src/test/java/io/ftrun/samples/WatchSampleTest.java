package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Random;

import static io.ftrun.samples.FtrunProcess.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * samples/watch.groovy as a user runs it: a file server, a watcher started with a file already there, a scanner
 * that writes under a hidden name and renames when done, then Ctrl-C.
 */
@Timeout(180)
class WatchSampleTest {
    @TempDir
    Path dir;

    @Test
    void theWatcherSendsWhatIsThereAndWhatArrivesAndCtrlCEndsItWithASummaryAnd130() throws Exception {
        Path scans = Files.createDirectories(dir.resolve("scans"));
        byte[] monday = bytes(300_000, 1);
        byte[] tuesday = bytes(2_000_000, 2);
        Files.write(scans.resolve("monday.pdf"), monday);
        try (FtrunProcess server = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=in", "-Pprotocol=framed");
             FtrunProcess watcher = FtrunProcess.start(dir, sample("watch.groovy"), "-Phost=127.0.0.1", "-Pport=" + server.port(),
                     "-Pdir=scans", "-PstableFor=300ms")) {
            Path inbox = dir.resolve("in/scans");
            await(inbox.resolve("monday.pdf"), monday, watcher);
            // the scanner's way: write under a hidden name, rename into place when complete
            Path part = scans.resolve(".tuesday.pdf.part");
            Files.write(part, tuesday);
            Files.move(part, scans.resolve("tuesday.pdf"), StandardCopyOption.ATOMIC_MOVE);
            await(inbox.resolve("tuesday.pdf"), tuesday, watcher);
            watcher.interrupt();
            assertEquals(130, watcher.awaitExit(Duration.ofSeconds(20)), watcher.stderr());
            assertTrue(watcher.stderr().contains("watch ended: 2 file(s) stored"), watcher.stderr());
            assertFalse(watcher.stderr().contains("\tat ") || watcher.stderr().contains("Exception"), watcher.stderr());
            assertFalse(Files.exists(inbox.resolve(".tuesday.pdf.part")));
            server.terminate();
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void await(Path file, byte[] content, FtrunProcess watcher) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos(); // the first run of ./ftrun may build
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.size(file) == content.length) {
                assertArrayEquals(content, Files.readAllBytes(file));
                return;
            }
            assertTrue(watcher.isAlive(), "the watcher ended early:\n" + watcher.stderr());
            Thread.sleep(50);
        }
        throw new AssertionError(file + " never arrived; watcher said:\n" + watcher.stderr());
    }
}
