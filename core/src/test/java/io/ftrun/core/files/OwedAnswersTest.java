package io.ftrun.core.files;

import io.ftrun.core.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sender's count of the answers the receiver still owes it, which decides how far ahead it may announce:
 * once every answer is read it must be back at zero, whatever the answers were (DONE, SKIP, ERROR). When it paid
 * only the bytes that arrived, the 20-70 bytes a file by which each estimate was above the real answer piled up,
 * and past a few hundred files the sender held itself over its limit and sent one file per round trip
 * (5000 small files over a 20 ms link took twice as long as on loopback; docs/PERFORMANCE.md).
 */
@Timeout(60)
class OwedAnswersTest {
    @TempDir
    Path tmp;

    private SendReport send(Fixture f, Path what, long[] owedAfter) throws Exception {
        try (Connection c = f.connect()) {
            FramedSender sender = new FramedSender(c, SendOptions.defaults());
            SendReport report = sender.send(LocalFiles.of(java.util.List.of(what)));
            owedAfter[0] = sender.owed();
            return report;
        }
    }

    @Test
    void nothingIsCountedAsOwedOnceEveryAnswerIsIn() throws Exception {
        Path root = tmp.resolve("tree");
        for (int i = 0; i < 600; i++) {
            Path p = root.resolve("d" + i % 6 + "/f" + i + ".txt");
            Files.createDirectories(p.getParent());
            Files.write(p, Fixture.randomBytes(10 + i % 50, i));
        }
        long[] owed = {-1};
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(tmp.resolve("in")).protocol(FileProtocol.FRAMED)
                .naming(NamingPolicies.original(OnCollision.REJECT)).build())) {
            SendReport stored = send(f, root, owed);
            assertEquals(600, stored.files().stream().filter(SendReport.FileResult::confirmed).count(), stored::toString);
            assertEquals(0, owed[0], "after 600 DONEs");

            SendReport skipped = send(f, root, owed);
            assertEquals(600, skipped.skipped(), skipped::toString);
            assertEquals(0, owed[0], "after 600 SKIPs");

            Files.write(root.resolve("d0/f0.txt"), "changed".getBytes()); // not skipped now, and refused: it exists
            SendReport refused = send(f, root, owed);
            assertEquals(599, refused.skipped(), refused::toString);
            assertEquals(ErrorCode.EXISTS, refused.files().stream().filter(r -> !r.confirmed()).findFirst().orElseThrow().error());
            assertEquals(0, owed[0], "after 599 SKIPs and an ERROR");
        }
    }
}
