package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.ftrun.samples.FtrunProcess.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, "surviving a broken session behind a balancer": four {@code samples/file-client.groovy} processes send a
 * directory tree each through HAProxy to three {@code scale-out-receiver.groovy} processes sharing one directory, and
 * one receiver is killed with SIGKILL while the trees are on their way. Each client whose session broke connects
 * again through the balancer, to another receiver, and carries on: every client ends with exit 0, every file is
 * stored once under its sender's path (none twice, not even one whose confirmation the kill swallowed), intact. Then
 * the same four commands again send nothing: every file is skipped as unchanged, whichever receiver is asked.
 */
@Timeout(240)
class HaproxyReconnectTest {
    private static final int TREES = 4;
    private static final int FILES_PER_TREE = 120;
    private static final Duration RUN = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void treesCarryOnThroughTheBalancerAfterAReceiverIsKilled_AndARerunSendsNothing() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        List<String> expected = new ArrayList<>();
        Random random = new Random(14);
        for (int t = 0; t < TREES; t++) {
            for (int i = 0; i < FILES_PER_TREE; i++) {
                String rel = "tree" + t + "/part" + (i % 3) + "/scan-" + i + ".pdf";
                byte[] bytes = new byte[20_000 + random.nextInt(100_000)];
                random.nextBytes(bytes);
                Files.createDirectories(dir.resolve("src").resolve(rel).getParent());
                Files.write(dir.resolve("src").resolve(rel), bytes);
                expected.add(rel);
            }
        }
        expected.sort(null);

        List<FtrunProcess> receivers = new ArrayList<>();
        try {
            List<int[]> ports = new ArrayList<>();
            for (int r = 1; r <= 3; r++) {
                FtrunProcess rx = FtrunProcess.start(dir, sample("scale-out-receiver.groovy"), "-Pinstance=rx-" + r,
                        "-Phost=127.0.0.1", "-Pport=0", "-PhealthPort=0", "-Pdir=" + shared, "-Pprotocol=framed", "-Ptrusted=127.0.0.1");
                receivers.add(rx);
                ports.add(new int[]{rx.port(), Haproxy.healthPort(rx)});
            }
            try (Haproxy balancer = Haproxy.start(dir, ports)) {
                List<FtrunProcess> clients = sendTrees(balancer.port);
                // Kill a receiver while every client is still sending: a quarter of all files stored.
                awaitStored(shared, expected.size() / 4, clients);
                receivers.get(1).kill();
                StringBuilder reconnected = new StringBuilder();
                for (FtrunProcess c : clients) {
                    assertEquals(0, c.awaitExit(RUN), "a client whose receiver died carries on elsewhere:\n" + c.stderr());
                    if (c.stderr().contains("connecting again")) reconnected.append(c.stderr());
                }
                assertTrue(reconnected.length() > 0, "the kill broke at least one client's session");

                assertEquals(expected, storedFiles(shared), "every file once, under its sender's path; no second copies");
                for (String rel : expected) {
                    assertArrayEquals(Files.readAllBytes(dir.resolve("src").resolve(rel)), Files.readAllBytes(shared.resolve(rel)), rel);
                }

                // The same commands again: nothing is sent, whichever of the two receivers left answers.
                for (FtrunProcess c : sendTrees(balancer.port)) {
                    assertEquals(0, c.awaitExit(RUN), c.stderr());
                    assertEquals(FILES_PER_TREE, c.stderr().lines().filter(l -> l.contains("ftrun: unchanged ")).count(), c.stderr());
                    assertTrue(c.stderr().lines().noneMatch(l -> l.contains("receiver verified")), c.stderr());
                    assertTrue(c.stderr().contains("ftrun: sent 0 file(s) (0 B); " + FILES_PER_TREE + " unchanged, skipped; "), c.stderr());
                }
                assertEquals(expected, storedFiles(shared));
            }
        } finally {
            for (FtrunProcess r : receivers) r.close();
        }
    }

    private List<FtrunProcess> sendTrees(int port) throws Exception {
        List<FtrunProcess> clients = new ArrayList<>();
        for (int t = 0; t < TREES; t++) {
            clients.add(FtrunProcess.start(dir.resolve("src"), sample("file-client.groovy"), "-Phost=127.0.0.1", "-Pport=" + port,
                    "-Pprotocol=framed", "-Pfile=" + dir.resolve("src/tree" + t)));
        }
        return clients;
    }

    private static void awaitStored(Path shared, int n, List<FtrunProcess> clients) throws Exception {
        long deadline = System.nanoTime() + RUN.toNanos();
        while (storedFiles(shared).size() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("fewer than " + n + " files arrived: " + storedFiles(shared).size());
            for (FtrunProcess c : clients) {
                if (!c.isAlive()) throw new AssertionError("a client ended before the kill:\n" + c.stderr());
            }
            Thread.sleep(5);
        }
    }

    /**
     * Final files under {@code shared}, relative and sorted: hidden temporaries and partials left out. The receivers
     * may be writing while this looks, so a file that vanishes under the walk (a temporary committed) is passed over.
     */
    private static List<String> storedFiles(Path shared) throws IOException {
        List<String> found = new ArrayList<>();
        Files.walkFileTree(shared, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(shared) && d.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !f.getFileName().toString().startsWith(".")) found.add(shared.relativize(f).toString());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }
        });
        found.sort(null);
        return found;
    }
}
