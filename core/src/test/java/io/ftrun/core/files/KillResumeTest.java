package io.ftrun.core.files;

import io.ftrun.core.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A framed sender in another process (the python client, written from docs/PROTOCOL.md) killed with SIGKILL in
 * the middle of a file: nothing appears under a final name, and sending again completes and verifies.
 */
class KillResumeTest {
    static final int SIZE = 12 << 20;

    @TempDir
    Path tmp;

    private Proc slowPythonSend(int port, Path src, boolean resume) throws Exception {
        return resume
                ? Proc.start("python3", Proc.pythonClient(), "--port", String.valueOf(port), "--resume", "--progress",
                        "--rate", "4000000", src.toString())
                : Proc.start("python3", Proc.pythonClient(), "--port", String.valueOf(port), "--progress",
                        "--rate", "4000000", src.toString());
    }

    /** Waits until the sender has handed at least {@code bytes} to its socket, then kills it. */
    private static void killAfter(Proc sender, long bytes) throws Exception {
        boolean reached = sender.awaitLine(l -> l.startsWith("PROGRESS ") && Long.parseLong(l.split(" ")[2]) >= bytes,
                Duration.ofSeconds(30));
        assertTrue(reached, "sender never got that far: " + sender.output());
        sender.kill();
    }

    @Test
    void killedSenderLeavesNothingAndAResendResumesAcrossImplementations() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("dataset.bin");
        Files.write(src, Fixture.randomBytes(SIZE, 7));
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build())) {
            Proc sender = slowPythonSend(f.port(), src, true);
            killAfter(sender, 3 << 20);
            Event failed = f.await("transfer-failed", 1, Duration.ofSeconds(10)).get(0);
            assertEquals(true, failed.fields().get("keptForResume"), failed.fields().toString());
            f.awaitIdle(Duration.ofSeconds(5));
            assertEquals(List.of(), Fixture.finalFiles(in), "nothing under a final name");
            long partial = (long) failed.fields().get("bytes");
            assertTrue(partial > 0 && partial < SIZE, "partial " + partial);

            // the same file again, this time from ftrun's own sender, with the python client's digest algorithm
            SendReport r = f.send(src, SendOptions.builder().digest("sha-256").build());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(partial, r.files().get(0).resumedFrom(), "continued after the verified prefix");
        }
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(in.resolve("dataset.bin")));
        assertEquals(List.of("dataset.bin"), Fixture.listFiles(in));
    }

    @Test
    void killedSenderWithoutResumeLeavesNoTraceAndAResendCompletes() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("dataset.bin");
        Files.write(src, Fixture.randomBytes(SIZE, 8));
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build())) {
            Proc sender = slowPythonSend(f.port(), src, false);
            killAfter(sender, 2 << 20);
            f.await("transfer-failed", 1, Duration.ofSeconds(10));
            f.awaitIdle(Duration.ofSeconds(5));
            assertEquals(List.of(), Fixture.listFiles(in), "no final file, no temporary");

            Proc again = Proc.start("python3", Proc.pythonClient(), "--port", String.valueOf(f.port()), "--resume", src.toString());
            assertEquals(0, again.waitFor(Duration.ofSeconds(60)), again.output());
            assertTrue(again.output().startsWith("OK dataset.bin dataset.bin "), again.output());
        }
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(in.resolve("dataset.bin")));
    }

    @Test
    void pythonResumesItsOwnInterruptedTransfer() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("dataset.bin");
        Files.write(src, Fixture.randomBytes(SIZE, 9));
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build())) {
            killAfter(slowPythonSend(f.port(), src, true), 4 << 20);
            long partial = (long) f.await("transfer-failed", 1, Duration.ofSeconds(10)).get(0).fields().get("bytes");
            f.awaitIdle(Duration.ofSeconds(5));
            Proc again = Proc.start("python3", Proc.pythonClient(), "--port", String.valueOf(f.port()), "--resume", src.toString());
            assertEquals(0, again.waitFor(Duration.ofSeconds(60)), again.output());
            String[] ok = again.lines().get(0).split(" ");
            assertEquals("OK", ok[0]);
            assertEquals(partial, Long.parseLong(ok[4]), again.output());
        }
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(in.resolve("dataset.bin")));
        assertEquals(List.of("dataset.bin"), Fixture.listFiles(in));
    }
}
