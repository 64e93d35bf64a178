package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static io.ftrun.samples.FtrunProcess.sample;
import static org.junit.jupiter.api.Assertions.*;

/**
 * samples/file-server.groovy -Pserve=DIR serves DIR on the port that receives, and samples/fetch.groovy downloads a
 * file or a tree from it, verified; fetching again moves nothing; a missing path fails clearly (issue 14).
 */
@Timeout(180)
class FetchSampleTest {
    private static final Duration RUN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void aTreeAndAFileAreFetchedVerified_AgainForNothing_AndRawUploadsStillWork() throws Exception {
        Random random = new Random(14);
        Path pub = Files.createDirectories(dir.resolve("pub/reports/2026"));
        for (int i = 0; i < 20; i++) {
            byte[] b = new byte[1000 + random.nextInt(200_000)];
            random.nextBytes(b);
            Files.write(pub.resolve("r" + i + ".pdf"), b);
        }
        Files.writeString(dir.resolve("pub/index.txt"), "twenty reports");

        try (FtrunProcess server = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=received", "-Pserve=pub")) {
            String port = "-Pport=" + server.port();
            FtrunProcess tree = FtrunProcess.run(dir, RUN, sample("fetch.groovy"), "-Phost=127.0.0.1", port, "-Pfile=reports", "-Pdir=down");
            assertEquals(0, tree.exitCode(), tree.stderr());
            for (int i = 0; i < 20; i++) {
                String rel = "reports/2026/r" + i + ".pdf";
                assertEquals(sha256(dir.resolve("pub").resolve(rel)), sha256(dir.resolve("down").resolve(rel)), rel);
            }
            FtrunProcess file = FtrunProcess.run(dir, RUN, sample("fetch.groovy"), "-Phost=127.0.0.1", port, "-Pfile=index.txt", "-Pdir=down", "-Pcompress=true");
            assertEquals(0, file.exitCode(), file.stderr());
            assertEquals("twenty reports", Files.readString(dir.resolve("down/index.txt")));

            FtrunProcess again = FtrunProcess.run(dir, RUN, sample("fetch.groovy"), "-Phost=127.0.0.1", port, "-Pfile=.", "-Pdir=down");
            assertEquals(0, again.exitCode(), again.stderr());
            assertEquals(21, again.stderr().lines().filter(l -> l.startsWith("ftrun: unchanged ") && l.contains("skipped for")).count(), again.stderr());
            assertFalse(again.stderr().contains("ftrun: received "), again.stderr());

            FtrunProcess missing = FtrunProcess.run(dir, RUN, sample("fetch.groovy"), "-Phost=127.0.0.1", port, "-Pfile=nothing-here", "-Pdir=down");
            assertEquals(5, missing.exitCode(), missing.stderr()); // refused by the peer: not found
            assertTrue(missing.stderr().contains("fetch.groovy:24: client 'client' fetch: 0 of 1 file(s) stored; not stored: nothing-here (not-found"),
                    missing.stderr());

            // the same port still takes the tutorial's raw upload (auto), and nc's
            Path upload = Files.writeString(dir.resolve("upload.pdf"), "raw bytes");
            Peers.Result nc = Peers.run(Duration.ofSeconds(30), upload, "nc", "-N", "127.0.0.1", String.valueOf(server.port()));
            assertEquals(0, nc.exitCode(), nc.toString());
            server.terminate();
        }
        assertEquals("raw bytes", Files.readString(dir.resolve("received/file_1")), "auto: a raw upload has no name, so it is numbered");
    }
}
