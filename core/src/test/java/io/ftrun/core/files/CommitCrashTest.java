package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.Connection;
import io.ftrun.core.event.Event;
import io.ftrun.core.internal.SocketConnection;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A receiver killed between giving a file its final name and cleaning up must not let a later upload write into
 * that stored file. The old commit (hard link, then unlink) could leave a hidden partial that was a second name
 * of the stored file; a later "resume" of another file with the same path, size and mtime reopened it, truncated
 * it and wrote the new data into the stored file.
 */
class CommitCrashTest {
    static final int SIZE = 1 << 20;

    @TempDir
    Path tmp;

    /** Two different files with the same name, size and modification time: what a resume identity cannot tell apart. */
    private Path a;
    private Path b;

    private void twoLookalikes() throws IOException {
        a = Files.write(Files.createDirectories(tmp.resolve("a")).resolve("victim.bin"), Fixture.randomBytes(SIZE, 1));
        // b begins with a's first 64 KiB: the same resume tag, so the same owner of a partial as far as the receiver
        // can tell (the strongest lookalike); only the link-count rule stands between it and a's stored bytes
        byte[] bytes = Fixture.randomBytes(SIZE, 2);
        System.arraycopy(Files.readAllBytes(a), 0, bytes, 0, 64 << 10);
        b = Files.write(Files.createDirectories(tmp.resolve("b")).resolve("victim.bin"), bytes);
        Files.setLastModifiedTime(b, Files.getLastModifiedTime(a));
    }

    private static FileReceiverConfig.Builder framed(Path dir) {
        return FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.FRAMED);
    }

    @Test
    void aReceiverKilledRightAfterTheCommitLeavesNothingALaterResumeWritesThrough() throws Exception {
        twoLookalikes();
        Path in = tmp.resolve("in");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath();
        try (Peer receiver = Peer.start(Duration.ofSeconds(60), null, java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                CrashingReceiver.class.getName(), in.toString())) {
            int port = Integer.parseInt(receiver.awaitLine(l -> l.startsWith("PORT ")).substring(5));
            try (Connection c = Client.connect(io.ftrun.core.ClientConfig.builder().host("127.0.0.1").port(port)
                    .idleTimeout(Duration.ofSeconds(20)).build())) {
                FileSender.send(c, a, SendOptions.defaults());
                fail("the receiver died before it could answer");
            } catch (IOException expected) {
                // the connection died with the receiver
            }
            assertEquals(CrashingReceiver.CRASHED, receiver.await().exitCode(), "killed at the crash point");
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(in.resolve("victim.bin")), "committed before the crash");

        try (Fixture restarted = Fixture.start(framed(in).build())) {
            SendReport r = restarted.send(b, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals("victim-1.bin", r.files().get(0).storedName());
            assertEquals(0, r.files().get(0).resumedFrom(), "nothing to resume from");
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(in.resolve("victim.bin")), "the stored file is unchanged");
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(in.resolve("victim-1.bin")));
        assertEquals(List.of(), hidden(in), "no leftovers");
    }

    @Test
    void aPartialThatIsAlsoAStoredFileIsRemovedAtStart() throws Exception {
        twoLookalikes();
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(framed(in).build())) {
            interruptedSend(f, a);
        }
        plantCrashLeftover(in);

        try (Fixture restarted = Fixture.start(framed(in).build())) {
            assertEquals(List.of(), hidden(in), "removed at start, whatever its age");
            assertEquals(1, linkCount(in.resolve("victim.bin")));
            SendReport r = restarted.send(b, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals("victim-1.bin", r.files().get(0).storedName());
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(in.resolve("victim.bin")), "the stored file is unchanged");
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(in.resolve("victim-1.bin")));
    }

    @Test
    void aPartialThatIsAlsoAStoredFileIsNeverReopened() throws Exception {
        twoLookalikes();
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(framed(in).build())) {
            interruptedSend(f, a);
            plantCrashLeftover(in); // while this receiver runs: no start-up sweep can help

            SendReport r = f.send(b, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(0, r.files().get(0).resumedFrom(), "not resumed from a file that has another name");
            assertEquals("victim-1.bin", r.files().get(0).storedName());
            f.awaitIdle(Duration.ofSeconds(5));
            assertEquals(List.of(), hidden(in), "the second name was dropped, and the new partial committed");
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(in.resolve("victim.bin")), "the stored file is unchanged");
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(in.resolve("victim-1.bin")));
        assertEquals(1, linkCount(in.resolve("victim.bin")));
    }

    /**
     * The state an old receiver left when it was killed between link and unlink: the complete partial under its
     * hidden resume name is also the stored {@code victim.bin} (one file, two names), with its sidecar.
     */
    private void plantCrashLeftover(Path in) throws IOException {
        Path part = in.resolve(hidden(in).stream().filter(n -> n.endsWith(".part")).findFirst().orElseThrow());
        assertTrue(hidden(in).contains(part.getFileName().toString().replace(".part", ".meta")), hidden(in).toString());
        Files.write(part, Files.readAllBytes(a));
        Files.createLink(in.resolve("victim.bin"), part);
        assertEquals(2, linkCount(part));
    }

    /** A real sender whose own progress callback resets its connection in the middle of the file (resume asked for). */
    static void interruptedSend(Fixture f, Path file) throws Exception {
        SocketConnection c = (SocketConnection) Client.connect(Local.client(f.server).rateLimit(256 << 10).build());
        AtomicBoolean reset = new AtomicBoolean();
        SendOptions opts = SendOptions.builder().chunkSize(16 << 10).progressInterval(Duration.ofMillis(1)).progress(p -> {
            if (p.bytes() >= (64 << 10) && reset.compareAndSet(false, true)) {
                try {
                    c.channel().setOption(StandardSocketOptions.SO_LINGER, 0);
                    c.channel().close();
                } catch (IOException ignored) {
                    // closed already
                }
            }
        }).build();
        try {
            FileSender.send(c, file, opts);
            fail("the sender finished before its reset");
        } catch (IOException expected) {
            assertTrue(reset.get(), "failed before its reset: " + expected);
        } finally {
            c.close();
        }
        Event failed = f.await("transfer-failed", 1, Duration.ofSeconds(10)).get(0);
        assertEquals(true, failed.fields().get("keptForResume"), failed.fields().toString());
        f.awaitIdle(Duration.ofSeconds(5));
    }

    /** ftrun's hidden files in {@code dir} (the commit lock every receiver keeps there is not listed). */
    private static List<String> hidden(Path dir) throws IOException {
        return Fixture.temporaries(dir);
    }

    private static int linkCount(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:nlink", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
