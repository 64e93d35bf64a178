package io.ftrun.dsl.embed;

import io.ftrun.core.support.CuttingProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the README promises a script: a framed {@code sendFile} whose session breaks connects again and sends only
 * what was not confirmed, so the run ends with every file stored once (issue 14).
 */
@Timeout(60)
class ReconnectTest {
    private static final int FILES = 30;
    private static final int SIZE = 200_000;

    @TempDir
    Path dir;

    @Test
    void aFramedUploadWhoseSessionBreaksConnectsAgainAndEndsWithEveryFileStoredOnce() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("batch"));
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            byte[] b = new byte[SIZE];
            new Random(i).nextBytes(b);
            contents.add(b);
            Files.write(tree.resolve(String.format("f%02d.bin", i)), b);
        }
        Path inbox = dir.resolve("inbox");
        try (Running receiver = Ftrun.text("receiver.groovy", """
                server('inbox') {
                    host '127.0.0.1'; port 0
                    receiveFiles { into params.dir; protocol 'framed'; naming counter('file_%d.bin') }
                }
                """).param("dir", inbox).start();
             CuttingProxy proxy = new CuttingProxy(receiver.port(), 10L * SIZE + SIZE / 2, true)) { // mid-file 11
            RunReport sent = Ftrun.text("sender.groovy", """
                    client {
                        connect '127.0.0.1', params.port as int
                        protocol 'framed'
                        sendFile params.tree
                    }
                    """).param("port", proxy.port()).param("tree", tree).run();
            assertTrue(sent.ok(), sent::toString);
            assertEquals(FILES, sent.clients().get(0).files().size(), sent::toString);
            RunReport received = receiver.stop();
            // the receiver saw one transfer cut off (the connection it came on broke), and says so
            assertEquals(1, received.server("inbox").problems().size(), received::toString);
            assertTrue(received.server("inbox").problems().get(0).message().contains("batch/f10.bin"), received::toString);
        }
        List<Path> stored;
        try (Stream<Path> s = Files.list(inbox)) {
            stored = s.filter(p -> p.getFileName().toString().startsWith("file_")).sorted().toList();
        }
        // counter names do not keep the sender's path: no SKIP to lean on, so only the sender's record of what was
        // confirmed keeps the files before the cut from being stored twice
        assertEquals(FILES, stored.size(), stored.toString());
        List<String> found = new ArrayList<>();
        for (Path p : stored) {
            byte[] b = Files.readAllBytes(p);
            for (int i = 0; i < FILES; i++) if (java.util.Arrays.equals(b, contents.get(i))) found.add("f" + i);
        }
        assertEquals(FILES, found.stream().distinct().count(), "each file stored whole, once: " + found);
    }
}
