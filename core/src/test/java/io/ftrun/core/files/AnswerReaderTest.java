package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sender reads its answers on a thread of its own ({@link AnswerReader}), which waits in a read while the
 * sending thread writes. The connection's idle timeout still means "nothing moved either way": a read that times
 * out while our data flows is no failure, and a receiver that stops answering while we wait is one.
 */
class AnswerReaderTest {
    static final Duration IDLE = Duration.ofMillis(300);

    @TempDir
    Path tmp;

    @Test
    void aLongUploadWithNoAnswerDueForLongerThanTheIdleTimeoutGoesThrough() throws Exception {
        Path file = tmp.resolve("slow.bin");
        byte[] data = new byte[600_000];
        new Random(7).nextBytes(data);
        Files.write(file, data);
        Path rx = Files.createDirectories(tmp.resolve("rx"));
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(rx).protocol(FileProtocol.FRAMED).build();
        SendReport report;
        long t0 = System.nanoTime();
        try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).build());
             // 600 kB at 400 kB/s: DONE is due for 1.5 s, five idle timeouts, while the data flows
             Connection c = Client.connect(Local.client(server).idleTimeout(IDLE).rateLimit(400_000).build())) {
            report = FileSender.send(c, file, SendOptions.defaults());
        }
        long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertTrue(report.failed().isEmpty(), "confirmed: " + report.files());
        assertTrue(millis > 3 * IDLE.toMillis(), "the upload took longer than a few idle timeouts (" + millis + " ms)");
        assertEquals(Files.mismatch(file, rx.resolve("slow.bin")), -1L);
    }

    @Test
    void aReceiverThatStopsAnsweringWhileWeWaitTimesOut() throws Exception {
        Path file = tmp.resolve("small.txt");
        Files.writeString(file, "hello");
        Path rx = Files.createDirectories(tmp.resolve("rx"));
        // the receiver sits on its DONE (for at most ten idle timeouts), long after our data is out
        CountDownLatch released = new CountDownLatch(1);
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(rx).protocol(FileProtocol.FRAMED)
                .commitHook(stored -> await(released, 10 * IDLE.toMillis())).build();
        try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).build());
             Connection c = Client.connect(Local.client(server).idleTimeout(IDLE).build())) {
            long t0 = System.nanoTime();
            IOException e;
            try {
                e = assertThrows(IOException.class, () -> FileSender.send(c, file, SendOptions.defaults()));
            } finally {
                released.countDown();
            }
            long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertTrue(String.valueOf(e.getMessage()).contains("timed out"), "a timeout: " + e);
            assertTrue(millis < 6 * IDLE.toMillis(), "it gave up after one to two idle timeouts, not " + millis + " ms");
        }
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
