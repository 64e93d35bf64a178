package io.ftrun.core.files;

import io.ftrun.core.event.Event;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow peers may not hold a slot: a header has a deadline that trickled bytes do not extend, data has a minimum
 * rate, and an empty DATA frame is a protocol error. Each peer here would have been kept for as long as it liked
 * by an idle timeout alone (it sends a byte well within it).
 */
class DeadlinesTest {
    @TempDir
    Path tmp;

    private FileReceiverConfig.Builder framed() {
        return FileReceiverConfig.builder().directory(tmp.resolve("in")).protocol(FileProtocol.FRAMED);
    }

    /** Writes {@code bytes} one at a time, every {@code everyMillis}, until they run out or the peer hangs up. */
    private static long trickle(Socket s, byte[] bytes, long everyMillis) throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            OutputStream out = s.getOutputStream();
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                Thread.sleep(everyMillis);
            }
        } catch (IOException cutOff) {
            // the receiver closed the connection: what this test waits for
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static Event closed(Fixture f) throws InterruptedException {
        return f.await("connection-closed", 1, Duration.ofSeconds(10)).get(0);
    }

    /** The half HELLO, then a byte now and then: each byte would reset an idle timer. */
    @Test
    void aTrickledHelloIsCutOffAtTheHeaderDeadline() throws Exception {
        try (Fixture f = Fixture.start(framed().headerTimeout(Duration.ofMillis(600)).build(), b -> b.idleTimeout(Duration.ofSeconds(5)))) {
            byte[] hello = Frames.frame(Protocol.HELLO, new Messages.Hello(1, 1, null).encode());
            byte[] slow = new byte[hello.length + 40]; // a whole HELLO and more, a byte at a time: cut off mid-way
            System.arraycopy(hello, 0, slow, 0, hello.length);
            try (Socket s = Local.socket(f.server)) {
                long took = trickle(s, slow, 200);
                assertTrue(took < 200 * hello.length, "cut off after " + took + " ms, before the HELLO was whole");
            }
            assertEquals("header-timeout", closed(f).fields().get("reason"));
        }
    }

    /** A FILE header trickled after a good HELLO: the deadline counts from the header's first byte. */
    @Test
    void aTrickledFileHeaderIsCutOff() throws Exception {
        try (Fixture f = Fixture.start(framed().headerTimeout(Duration.ofMillis(600)).build(), b -> b.idleTimeout(Duration.ofSeconds(5)));
             WireClient c = WireClient.session(f.port())) {
            byte[] file = Frames.frame(Protocol.FILE, new Messages.FileHeader(0, 10, 0644, 0, Digests.CRC32C,
                    "a-name-long-enough-to-trickle-for-a-while.txt".getBytes()).encode());
            long took = trickle(c.socket, file, 100);
            assertTrue(took < 3000, "cut off after " + took + " ms");
            assertEquals("header-timeout", closed(f).fields().get("reason"));
        }
    }

    /** The 0-byte DATA every few seconds, holding a session open forever: refused as PROTOCOL at once. */
    @Test
    void anEmptyDataFrameIsAProtocolError() throws Exception {
        try (Fixture f = Fixture.start(framed().build()); WireClient c = WireClient.session(f.port())) {
            assertEquals(Protocol.READY, c.file("x.bin", 10, Digests.CRC32C).type());
            c.frame(Protocol.DATA, new byte[0]);
            Messages.Error e = c.read().error();
            assertEquals(ErrorCode.PROTOCOL, e.code());
            assertTrue(e.message().contains("got 0"), e.message());
            assertEquals(-1, c.in.read(), "the receiver closes the session");
            assertEquals(List.of(), Fixture.finalFiles(tmp.resolve("in")));
        }
    }

    /** One byte of DATA at a time, each in time for the idle timeout, far below the minimum rate. */
    @Test
    void aTricklingFramedSenderIsCutOffBelowTheMinimumRate() throws Exception {
        FileReceiverConfig cfg = framed().minRate(1024, Duration.ofMillis(300)).build();
        try (Fixture f = Fixture.start(cfg, b -> b.idleTimeout(Duration.ofSeconds(5))); WireClient c = WireClient.session(f.port())) {
            assertEquals(Protocol.READY, c.file("slow.bin", 100, Digests.CRC32C).type());
            long t0 = System.nanoTime();
            try {
                for (int i = 0; i < 100; i++) {
                    c.frame(Protocol.DATA, new byte[]{(byte) i});
                    Thread.sleep(100);
                }
            } catch (IOException cutOff) {
                // expected
            }
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(took < 5000, "cut off after " + took + " ms");
            assertEquals("too-slow", closed(f).fields().get("reason"));
            assertEquals(List.of(), Fixture.finalFiles(tmp.resolve("in")));
            assertEquals(List.of(), Fixture.temporaries(tmp.resolve("in")));
        }
    }

    /** A raw sender has no header: from its first byte it is held to the minimum rate. */
    @Test
    void aTricklingRawSenderIsCutOffBelowTheMinimumRate() throws Exception {
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(tmp.resolve("in")).minRate(1024, Duration.ofMillis(300)).build();
        try (Fixture f = Fixture.start(cfg, b -> b.idleTimeout(Duration.ofSeconds(5))); Socket s = Local.socket(f.server)) {
            long took = trickle(s, new byte[60], 100);
            assertTrue(took < 5000, "cut off after " + took + " ms");
            assertEquals("too-slow", closed(f).fields().get("reason"));
            assertEquals(List.of(), Fixture.finalFiles(tmp.resolve("in")));
        }
    }

    /** The rules must not catch honest senders: a sender well above the minimum rate, over several files. */
    @Test
    void aSenderAboveTheMinimumRateIsServed() throws Exception {
        FileReceiverConfig cfg = framed().minRate(64 * 1024, Duration.ofMillis(200)).headerTimeout(Duration.ofMillis(500)).build();
        Path src = tmp.resolve("src");
        java.nio.file.Files.createDirectories(src);
        for (int i = 0; i < 3; i++) java.nio.file.Files.write(src.resolve("f" + i), Fixture.randomBytes(300_000, i));
        try (Fixture f = Fixture.start(cfg)) {
            SendReport r;
            try (io.ftrun.core.Connection c = io.ftrun.core.Client.connect(Local.client(f.server).rateLimit(512 * 1024).build())) {
                r = FileSender.send(c, src, SendOptions.defaults());
            }
            assertTrue(r.allConfirmed(), r.toString());
        }
    }
}
