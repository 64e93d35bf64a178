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
import java.util.List;
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
        java.util.concurrent.atomic.AtomicBoolean sitting = new java.util.concurrent.atomic.AtomicBoolean();
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(rx).protocol(FileProtocol.FRAMED)
                .commitHook(stored -> {
                    sitting.set(true);
                    await(released, 10 * IDLE.toMillis());
                }).build();
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
            assertTrue(String.valueOf(e.getMessage()).contains("no answer from 127.0.0.1:" + server.port() + " for " + IDLE.toMillis() + " ms"), "a timeout: " + e);
            assertTrue(sitting.get(), "the timeout came while the receiver sat on its DONE, not before");
            assertTrue(millis < 6 * IDLE.toMillis(), "it gave up after one to two idle timeouts, not " + millis + " ms");
        }
    }

    @Test
    void afterASessionFailsWithAnswersStillDueNoReaderTakesTheCallersBytes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("two"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("b.txt"), "b");
        CountDownLatch failed = new CountDownLatch(1);
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // a receiver that answers the first FILE with a DONE (a protocol error) while the second answer is due,
            // and once the sender has failed, sends one more byte: the caller's, not the sender's reader's
            java.util.concurrent.CompletableFuture<Void> peer = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (java.net.Socket s = listener.accept()) {
                    s.setSoTimeout(10_000);
                    java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
                    java.io.OutputStream out = s.getOutputStream();
                    skipFrame(in); // HELLO
                    out.write(Frames.frame(Protocol.WELCOME, new Messages.Welcome(2, 0, Long.MAX_VALUE, Protocol.MAX_DATA,
                            List.of(Digests.DEFAULT), 8).encode()));
                    skipFrame(in); // the first FILE
                    out.write(Frames.frame(Protocol.DONE, new byte[0]));
                    out.flush();
                    await(failed, 10_000);
                    try {
                        out.write('Z');
                        out.flush();
                        while (in.read() >= 0) { } // until the connection ends
                    } catch (IOException closedBySender) {
                        // the sender closed the connection: the test's read says so
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Connection c = Client.connect(io.ftrun.core.ClientConfig.builder().host("127.0.0.1").port(listener.getLocalPort())
                    .idleTimeout(Duration.ofSeconds(3)).build());
            try {
                IOException e = assertThrows(IOException.class, () -> FileSender.send(c, dir, SendOptions.defaults()));
                assertTrue(String.valueOf(e.getMessage()).contains("expected READY"), "the protocol error: " + e);
                failed.countDown();
                // either the sender's reader had ended (the byte is ours) or the sender closed the connection, since
                // its reader was still in a read; a reader left reading would take the byte, and this read time out
                byte[] one = new byte[1];
                try {
                    int n = c.input().read(one, 0, 1);
                    assertTrue(n < 0 || one[0] == 'Z', "read " + n + " byte(s): " + one[0]);
                } catch (java.net.SocketTimeoutException stolen) {
                    throw new AssertionError("the byte sent after the failure never reached the caller: a reader took it", stolen);
                } catch (IOException closed) {
                    // the sender closed the connection: nobody reads after its reader
                }
            } finally {
                failed.countDown();
                c.close();
            }
            peer.get(10, TimeUnit.SECONDS);
        }
    }

    private static void skipFrame(java.io.DataInputStream in) throws IOException {
        in.readUnsignedByte();
        in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
