package io.ftrun.dsl.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watch} on real sockets: what is sent, when, and what is never sent (issue 14, "Scripts react to files"). */
@Timeout(60)
class WatchTest {
    private static final String RECEIVER = """
            server('inbox') {
                host '127.0.0.1'; port 0
                receiveFiles {
                    into params.dir; protocol 'framed'; maxSize '64KB'
                    naming original(onCollision: params.collision)
                }
            }
            """;
    private static final String WATCHER = """
            client {
                connect '127.0.0.1', params.port as int
                protocol 'framed'
                watch params.dir, stableFor: params.stable, every: '50ms', stopAfter: params.stop
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aFileStillBeingWrittenIsSentOnceAndWholeAndNeitherLinksNorHiddenFilesAreSent() throws Exception {
        Path scans = Files.createDirectories(dir.resolve("scans"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not for the receiver");
        Files.createSymbolicLink(scans.resolve("link.pdf"), secret);
        Files.writeString(scans.resolve(".partial.pdf"), "a writer's temporary");
        Path inbox = dir.resolve("inbox");
        byte[] chunk = new byte[2048];
        Arrays.fill(chunk, (byte) 'x');
        try (Running receiver = Ftrun.text("receiver.groovy", RECEIVER).param("dir", inbox).param("collision", "reject").start()) {
            Thread writer = new Thread(() -> { // 20 appends, 50 ms apart: a scanner taking a second over one file
                try {
                    for (int i = 0; i < 20; i++) {
                        Files.write(scans.resolve("slow.pdf"), chunk, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        Thread.sleep(50);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            writer.start();
            RunReport sent = Ftrun.text("watcher.groovy", WATCHER).param("port", receiver.port()).param("dir", scans)
                    .param("stable", "400ms").param("stop", "3s").run();
            writer.join();
            // had a part been sent early, the whole file would have been refused under its taken name: the run fails
            assertTrue(sent.ok(), sent::toString);
            assertEquals(List.of("scans/slow.pdf"), sent.clients().get(0).files(), sent::toString);
            assertEquals(20 * chunk.length, Files.size(inbox.resolve("scans/slow.pdf")));
            assertEquals(List.of("scans/slow.pdf"), visibleFiles(inbox));
            RunReport received = receiver.stop();
            assertTrue(received.server("inbox").problems().isEmpty(), received::toString);
        }
    }

    @Test
    void aChangedFileIsSentAgainAndARefusedOneFailsTheWatchNamingItAndWhy() throws Exception {
        Path scans = Files.createDirectories(dir.resolve("scans"));
        Path inbox = dir.resolve("inbox");
        Files.writeString(scans.resolve("a.txt"), "first");
        Files.write(scans.resolve("big.bin"), new byte[100 * 1024]); // over the receiver's 64 KiB
        try (Running receiver = Ftrun.text("receiver.groovy", RECEIVER).param("dir", inbox).param("collision", "overwrite").start();
             Running watcher = Ftrun.text("watcher.groovy", WATCHER).param("port", receiver.port()).param("dir", scans)
                     .param("stable", "200ms").param("stop", "4s").start()) {
            Path stored = inbox.resolve("scans/a.txt");
            awaitContent(stored, "first");
            Files.writeString(scans.resolve("a.txt"), "second, longer");
            awaitContent(stored, "second, longer");
            RunReport sent = watcher.awaitStop();
            assertFalse(sent.ok(), sent::toString);
            String why = sent.clients().get(0).problems().get(0).message();
            assertTrue(why.contains("2 file(s) stored") && why.contains("big.bin (too-large"), why);
            assertEquals(List.of("scans/a.txt", "scans/a.txt"), sent.clients().get(0).files(), sent::toString);
            assertFalse(Files.exists(inbox.resolve("scans/big.bin")));
        }
    }

    @Test
    void aFileCompleteWhenTheWatchEndsIsSentByALastLook() throws Exception {
        Path scans = Files.createDirectories(dir.resolve("scans"));
        Path inbox = dir.resolve("inbox");
        Files.writeString(scans.resolve("a.txt"), "complete at the end");
        try (Running receiver = Ftrun.text("receiver.groovy", RECEIVER).param("dir", inbox).param("collision", "reject").start()) {
            // seen at once, complete after 0.5 s, the watch over at 1.5 s, the next look not due for 10 s
            RunReport sent = Ftrun.text("watcher.groovy", """
                    client {
                        connect '127.0.0.1', params.port as int
                        protocol 'framed'
                        watch params.dir, stableFor: '500ms', every: '10s', stopAfter: '1500ms'
                    }
                    """).param("port", receiver.port()).param("dir", scans).run();
            assertTrue(sent.ok(), sent::toString);
            assertEquals("complete at the end", Files.readString(inbox.resolve("scans/a.txt")));
        }
    }

    @Test
    void filesThatCannotGoWhileTheReceiverIsAwayAreSentWhenItIsBack() throws Exception {
        Path scans = Files.createDirectories(dir.resolve("scans"));
        Path inbox = dir.resolve("inbox");
        Files.writeString(scans.resolve("a.txt"), "before");
        Running first = Ftrun.text("receiver.groovy", RECEIVER).param("dir", inbox).param("collision", "reject").start();
        try (io.ftrun.core.support.CuttingProxy proxy = new io.ftrun.core.support.CuttingProxy(first.port(), Long.MAX_VALUE);
             Running watcher = Ftrun.text("watcher.groovy", WATCHER).param("port", proxy.port()).param("dir", scans)
                     .param("stable", "100ms").param("stop", "20s").start()) {
            awaitContent(inbox.resolve("scans/a.txt"), "before");
            first.stop(); // the receiver goes away; the proxy now finds nobody behind it
            Files.writeString(scans.resolve("b.txt"), "while it was away");
            Thread.sleep(1500); // a try or two fail, and the watch waits longer each time
            assertTrue(watcher.isRunning(), "the watch gave up instead of waiting");
            assertFalse(Files.exists(inbox.resolve("scans/b.txt")));
            try (Running second = Ftrun.text("receiver.groovy", RECEIVER).param("dir", inbox).param("collision", "reject").start()) {
                proxy.retarget(second.port());
                awaitContent(inbox.resolve("scans/b.txt"), "while it was away");
                watcher.stop();
            }
        }
    }

    @Test
    void stoppingTheRunEndsTheWatchPromptlyWithWhatWasCompleteStored() throws Exception {
        Path scans = Files.createDirectories(dir.resolve("scans"));
        Path inbox = dir.resolve("inbox");
        Files.writeString(scans.resolve("a.txt"), "there first");
        try (Running receiver = Ftrun.text("receiver.groovy", RECEIVER).param("dir", inbox).param("collision", "reject").start();
             Running watcher = Ftrun.text("watcher.groovy", """
                     client {
                         connect '127.0.0.1', params.port as int
                         protocol 'framed'
                         watch params.dir, stableFor: '100ms', every: '50ms'
                     }
                     """).param("port", receiver.port()).param("dir", scans).start()) {
            awaitContent(inbox.resolve("scans/a.txt"), "there first");
            long t0 = System.nanoTime();
            watcher.stop(); // what Ctrl-C does to a script: the client threads are interrupted
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5, "the watch took too long to end");
            // stop() returns once the run's own thread is done; a watch thread that missed the interrupt would go on
            Files.writeString(scans.resolve("b.txt"), "after the stop");
            Thread.sleep(1000); // ten times what the watch would need to send it
            assertFalse(Files.exists(inbox.resolve("scans/b.txt")), "the watch went on after the run was stopped");
        }
    }

    private static void awaitContent(Path file, String content) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readString(file, StandardCharsets.UTF_8).equals(content)) return;
            } catch (java.io.IOException notYet) {
                // not stored yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError(file + " never held '" + content + "'");
    }

    private static List<String> visibleFiles(Path root) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).map(Path::toString)
                    .filter(n -> !n.startsWith(".") && !n.contains("/.")).sorted().toList();
        }
    }
}
