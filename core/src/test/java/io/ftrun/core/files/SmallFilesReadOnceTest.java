package io.ftrun.core.files;

import io.ftrun.core.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small file is opened and read once, when its header is made (resume tag, SKIP digest), and its data is sent from
 * that reading; a larger one is opened again for its data. Every file arrives whole and verified either way.
 */
@Timeout(60)
class SmallFilesReadOnceTest {
    @TempDir
    Path tmp;

    private final Map<String, Integer> opens = new ConcurrentHashMap<>();

    private final LocalFiles.Access counting = new LocalFiles.Access() {
        @Override
        public FileChannel open(Path file) throws IOException {
            opens.merge(file.getFileName().toString(), 1, Integer::sum);
            return LocalFiles.BY_PATH.open(file);
        }

        @Override
        public LocalFiles.Attributes attributes(Path file) throws IOException {
            return LocalFiles.BY_PATH.attributes(file);
        }
    };

    @Test
    void smallFilesAreReadOnceAndLargerOnesAgainForTheirData() throws Exception {
        Map<String, Integer> sizes = Map.of("tiny.txt", 0, "small.pdf", 4096, "limit.bin", FramedSender.KEEP_MAX,
                "larger.bin", FramedSender.KEEP_MAX + 1, "big.iso", 300_000);
        List<LocalFiles.Entry> entries = new java.util.ArrayList<>();
        int seed = 0;
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            Path p = Files.write(tmp.resolve(e.getKey()), Fixture.randomBytes(e.getValue(), seed++));
            entries.add(new LocalFiles.Entry(p, e.getKey(), counting));
        }
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED)
                .naming(NamingPolicies.original(OnCollision.REJECT)).build());
             Connection c = f.connect()) {
            SendReport report = new FramedSender(c, SendOptions.defaults()).send(entries);
            assertTrue(report.files().stream().allMatch(SendReport.FileResult::confirmed), report::toString);
        }
        for (String name : sizes.keySet()) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve(name)), Files.readAllBytes(in.resolve(name)), name);
        }
        assertEquals(Map.of("tiny.txt", 1, "small.pdf", 1, "limit.bin", 1, "larger.bin", 2, "big.iso", 2), opens);
    }
}
