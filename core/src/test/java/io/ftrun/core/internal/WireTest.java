package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write loops and the read stream over a transport that moves a few bytes a call, on a clock the test owns. */
class WireTest {
    private final AtomicLong now = new AtomicLong();
    private final Deadlines deadlines = new Deadlines(now::get, Duration.ofSeconds(1));
    private final List<Long> progress = new ArrayList<>();
    private final AtomicReference<CloseReason> cut = new AtomicReference<>();

    /** Moves at most three bytes per write call, as a socket with a full send buffer does; time passes with each. */
    private static final class Trickle implements Transport {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final AtomicLong now;
        final ByteArrayInputStream in;
        IOException fail;

        Trickle(AtomicLong now, byte[] incoming) {
            this.now = now;
            this.in = new ByteArrayInputStream(incoming);
        }

        @Override public InputStream input() throws IOException {
            if (fail != null) throw fail;
            return in;
        }

        @Override public long write(ByteBuffer[] buffers) throws IOException {
            if (fail != null) throw fail;
            now.addAndGet(900_000_000L); // each step within the 1 s write timeout, all of them far beyond it
            for (ByteBuffer b : buffers) {
                if (!b.hasRemaining()) continue;
                int n = Math.min(3, b.remaining());
                byte[] part = new byte[n];
                b.get(part);
                written.writeBytes(part);
                return n;
            }
            return 0;
        }

        @Override public long transferFrom(FileChannel file, long position, long count) { return 0; }
        @Override public int available() { return in.available(); }
        @Override public void shutdownOutput() { }
        @Override public void close() { }
        @Override public String describe() { return "trickle"; }
    }

    private Wire wire(Transport t) {
        return new Wire(t, deadlines, new Throttle(deadlines), progress::add, e -> deadlines.explain(cut.get(), e));
    }

    @Test
    void aWriteLoopsUntilEveryBufferIsOutAndEachStepRearmsTheWriteDeadline() throws IOException {
        Trickle t = new Trickle(now, new byte[0]);
        Wire w = wire(t);
        w.writeAll(ByteBuffer.wrap("hello ".getBytes()), ByteBuffer.wrap("world".getBytes()));
        assertEquals("hello world", t.written.toString());
        assertEquals(11, w.bytesOut());
        assertEquals(4, progress.size(), "one tick per step (3+3+3+2 bytes)");
        assertNull(deadlines.overdue(now.get() + 10_000_000_000L, 0), "no deadline left armed after the write");
    }

    @Test
    void readsCountTowardsProgressOnlyWhenMetered() throws IOException {
        byte[] data = "abcdef".getBytes();
        byte[] got = new byte[6];
        assertEquals(6, wire(new Trickle(now, data)).input(false).read(got, 0, 6));
        assertTrue(progress.isEmpty());
        assertEquals(6, wire(new Trickle(now, data)).input(true).read(got, 0, 6));
        assertEquals(List.of(6L), progress, "the count the input buffer has not seen yet");
        assertArrayEquals(data, got);
    }

    @Test
    void theStreamFollowsTheTransportItIsSwitchedTo() throws IOException {
        Wire w = wire(new Trickle(now, "plain".getBytes()));
        InputStream in = w.input(false);
        assertEquals('p', in.read());
        Trickle tls = new Trickle(now, "TLS".getBytes());
        w.switchTo(tls);
        assertEquals('T', in.read());
        assertSame(tls, w.transport());
    }

    @Test
    void aSocketTheWatchdogClosedSaysWhyInsteadOfSocketClosed() {
        Trickle t = new Trickle(now, new byte[0]);
        t.fail = new SocketException("Socket closed");
        Wire w = wire(t);
        assertSame(t.fail, assertThrows(SocketException.class, () -> w.writeAll(ByteBuffer.wrap(new byte[1]))),
                "not cut off: the failure as it was");
        cut.set(CloseReason.WRITE_TIMEOUT);
        IOException e = assertThrows(IOException.class, () -> w.writeAll(ByteBuffer.wrap(new byte[1])));
        assertInstanceOf(SocketTimeoutException.class, e);
        assertEquals("write timed out: the peer did not read for 1000 ms", e.getMessage());
        cut.set(CloseReason.SHUTDOWN_ABORTED);
        assertEquals("connection aborted by server shutdown",
                assertThrows(IOException.class, () -> w.input(false).read(new byte[1], 0, 1)).getMessage());
    }
}
