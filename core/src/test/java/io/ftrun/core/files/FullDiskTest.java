package io.ftrun.core.files;

import io.ftrun.core.event.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A disk that fills up mid-transfer aborts that transfer cleanly: temporary removed, error to the sender, the
 * server keeps serving. Tested with an injected write failure, and on a real 1 MiB tmpfs: mounting one takes root,
 * which the test command checks for before any test runs (build/test-peers), so these never skip.
 */
class FullDiskTest {
    @TempDir
    Path tmp;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) run("umount", mounted.toString());
    }

    /** Fails every write beyond {@code limit} bytes while armed, as a full disk does. */
    private static FileReceiverConfig.WriteHook diskFullAfter(long limit, AtomicBoolean armed) {
        return (file, position, length) -> {
            if (armed.get() && position + length > limit) throw new IOException("No space left on device");
        };
    }

    @Test
    void rawTransferOnAFullDiskLeavesNothingAndTheServerGoesOn() throws Exception {
        Path in = tmp.resolve("in");
        AtomicBoolean armed = new AtomicBoolean(true);
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(in).writeHook(diskFullAfter(1 << 20, armed)).build();
        try (Fixture f = Fixture.start(cfg)) {
            try {
                RawReceiveTest.sendRaw(f.port(), new byte[3 << 20]);
            } catch (IOException | AssertionError cutOff) {
                // the receiver closes (maybe with a reset) while we still send
            }
            Event failed = f.await("transfer-failed", 1, Duration.ofSeconds(10)).get(0);
            assertEquals("no-space", failed.fields().get("code"));
            f.awaitIdle(Duration.ofSeconds(5));
            assertEquals(List.of(), Fixture.listFiles(in));
            armed.set(false);
            RawReceiveTest.sendRaw(f.port(), new byte[3 << 20]);
            f.await("file-received", 1, Duration.ofSeconds(10));
        }
        assertEquals(List.of("file_1"), Fixture.listFiles(in));
    }

    @Test
    void framedTransferOnAFullDiskIsAnsweredAndTheSessionGoesOn() throws Exception {
        Path in = tmp.resolve("in");
        Path big = tmp.resolve("big.bin");
        Path small = tmp.resolve("small.bin");
        Files.write(big, Fixture.randomBytes(3 << 20, 1));
        Files.write(small, Fixture.randomBytes(1000, 2));
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED)
                .writeHook(diskFullAfter(1 << 20, new AtomicBoolean(true))).build();
        try (Fixture f = Fixture.start(cfg); var c = f.connect()) {
            SendReport r = FileSender.send(c, List.of(big, small), SendOptions.defaults()); // resume asked for, too
            assertFalse(r.allConfirmed());
            assertEquals(ErrorCode.NO_SPACE, r.files().get(0).error());
            assertTrue(r.files().get(0).message().contains("full"), r.files().get(0).message());
            assertTrue(r.files().get(1).confirmed(), "the next file on the same connection still works");
            Event failed = f.await("transfer-failed", 1, Duration.ofSeconds(5)).get(0);
            assertEquals(false, failed.fields().get("keptForResume"), "a full disk frees the space instead of keeping a partial");
        }
        assertEquals(List.of("small.bin"), Fixture.listFiles(in), "no partial, no temporary, no resume data");
    }

    @Test
    void theSenderStopsEarlyInsteadOfStreamingTheRestIntoTheVoid() throws Exception {
        Path in = tmp.resolve("in");
        Path big = tmp.resolve("big.bin");
        long size = 48L << 20;
        Files.write(big, new byte[(int) size]);
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED)
                .writeHook(diskFullAfter(1 << 20, new AtomicBoolean(true))).build();
        try (Fixture f = Fixture.start(cfg)) {
            SendReport r = f.send(big, SendOptions.defaults());
            assertEquals(ErrorCode.NO_SPACE, r.files().get(0).error());
            f.awaitIdle(Duration.ofSeconds(5));
            long received = (long) f.await("connection-closed", 1, Duration.ofSeconds(5)).get(0).fields().get("bytesIn");
            assertTrue(received < size / 2, "the sender noticed the early ERROR, the receiver read only " + received);
        }
        assertEquals(List.of(), Fixture.listFiles(in));
    }

    @Test
    void realFullTmpfs() throws Exception {
        Path small = mountTmpfs(Files.createDirectories(tmp.resolve("small")));
        Path in = small.resolve("in");
        Path src = tmp.resolve("big.bin");
        Files.write(src, Fixture.randomBytes(3 << 20, 3));
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.AUTO).build())) {
            // framed: the size is announced, so the receiver refuses before any byte is written
            SendReport r = f.send(src, SendOptions.defaults());
            assertEquals(ErrorCode.NO_SPACE, r.files().get(0).error());

            // raw: the size is unknown, the disk really fills up, the write fails with ENOSPC
            try {
                RawReceiveTest.sendRaw(f.port(), Files.readAllBytes(src));
            } catch (IOException | AssertionError cutOff) {
                // the receiver may close while we still send
            }
            Event failed = f.await("transfer-failed", 1, Duration.ofSeconds(10)).get(0);
            assertEquals("no-space", failed.fields().get("code"), failed.fields().toString());
            f.awaitIdle(Duration.ofSeconds(5));
            assertEquals(List.of(), Fixture.listFiles(in), "the temporary is gone, the space is free again");

            // framed, passing the up-front check, but the disk fills up meanwhile (another writer)
            Path filler = small.resolve("filler");
            Path medium = tmp.resolve("medium.bin");
            Files.write(medium, Fixture.randomBytes(600_000, 4));
            AtomicBoolean once = new AtomicBoolean();
            FileReceiverConfig cfg = FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED)
                    .writeHook((file, position, length) -> {
                        if (position > 100_000 && once.compareAndSet(false, true)) Files.write(filler, new byte[700_000]);
                    }).build();
            try (Fixture g = Fixture.start(cfg)) {
                SendReport r2 = g.send(medium, SendOptions.defaults());
                assertEquals(ErrorCode.NO_SPACE, r2.files().get(0).error(), r2.toString());
                Files.delete(filler);
                assertTrue(g.send(medium, SendOptions.defaults()).allConfirmed(), "space freed: it works again");
            }
            assertArrayEquals(Files.readAllBytes(medium), Files.readAllBytes(in.resolve("medium.bin")));
        }
    }

    @Test
    void aMountPointInsideTheTreeIsRefusedNotCopiedIntoPlace() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        mountTmpfs(Files.createDirectories(in.resolve("other-fs")));
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
             WireClient c = WireClient.session(f.port())) {
            Messages.Error e = c.sendFile("other-fs/x.bin", new byte[1000]).error();
            assertEquals(ErrorCode.IO_ERROR, e.code());
            assertTrue(e.message().contains("another file system"), e.message());
            assertEquals(Protocol.DONE, c.sendFile("same-fs.bin", new byte[1000]).type());
        }
        assertEquals(List.of("same-fs.bin"), Fixture.listFiles(in));
    }

    private Path mountTmpfs(Path dir) throws Exception {
        assertEquals(0, run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.toString()),
                "cannot mount a 1 MiB tmpfs: this test needs root (on Linux; in a container, CAP_SYS_ADMIN)");
        mounted = dir;
        return dir;
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
