package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** What a handler's connection offers: addresses, attributes, chunked reads, write-all, half-close, end of stream. */
class ConnectionTest {
    @Test
    void addressesAndAttributesAreThoseOfThisConnection() throws Exception {
        java.util.Map<InetSocketAddress, InetSocketAddress> seen = new java.util.concurrent.ConcurrentHashMap<>();
        Handler counter = conn -> {
            seen.put(conn.remoteAddress(), conn.localAddress());
            while (conn.receive() != null) {
                int n = (Integer) conn.attributes().merge("count", 1, (a, b) -> (Integer) a + (Integer) b);
                conn.send("message " + n);
            }
        };
        try (Server s = Server.start(Local.server(counter).codec(Codecs.lines()).build());
             Connection a = Client.connect(Local.client(s).codec(Codecs.lines()).build());
             Connection b = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
            a.send("x");
            assertEquals("message 1", a.receive().text());
            assertEquals(a.remoteAddress(), seen.get(a.localAddress()), "the handler's remote and local are the client's local and remote");
            a.send("y");
            assertEquals("message 2", a.receive().text());
            b.send("z");
            assertEquals("message 1", b.receive().text(), "attributes belong to one connection");
        }
    }

    @Test
    void readsNeverExceedTheConfiguredChunkSize() throws Exception {
        CompletableFuture<long[]> stats = new CompletableFuture<>();
        Handler measure = conn -> {
            long max = 0, total = 0;
            byte[] chunk;
            while ((chunk = conn.input().readChunk()) != null) {
                max = Math.max(max, chunk.length);
                total += chunk.length;
            }
            stats.complete(new long[]{max, total});
        };
        try (Server s = Server.start(Local.server(measure).chunkSize(512).build());
             Socket peer = Local.socket(s)) {
            peer.getOutputStream().write(new byte[100_000]);
            peer.shutdownOutput();
            long[] r = stats.get(10, TimeUnit.SECONDS);
            assertEquals(512, r[0], "reads are chunk-sized, not larger");
            assertEquals(100_000, r[1], "and lose nothing");
        }
    }

    @Test
    void theClientsChunkSizeBoundsItsReadsToo() throws Exception {
        try (Server s = Server.start(Local.server(conn -> conn.write(new byte[50_000], 0, 50_000)).build());
             Connection c = Client.connect(Local.client(s).chunkSize(1024).build())) {
            int total = 0;
            Message m;
            while ((m = c.receive()) != null) {
                assertTrue(m.size() <= 1024, "chunk of " + m.size());
                total += m.size();
            }
            assertEquals(50_000, total);
        }
    }

    /**
     * A peer that reads slowly through a small buffer forces short writes; a gathering write of uneven buffers
     * must still deliver every byte, in order.
     */
    @Test
    void writesSendEveryByteEvenWhenThePeerIsSlow() throws Exception {
        Recorder events = new Recorder();
        byte[][] parts = {new byte[3_000_001], new byte[7], new byte[5_000_000]};
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        java.util.Random random = new java.util.Random(3);
        long size = 0;
        for (byte[] p : parts) {
            random.nextBytes(p);
            expected.update(p);
            size += p.length;
        }
        Handler sender = conn -> conn.write(ByteBuffer.wrap(parts[0]), ByteBuffer.wrap(parts[1]), ByteBuffer.wrap(parts[2]));
        try (Server s = Server.start(Local.server(sender).sendBufferSize(8192).listener(events).build());
             Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", s.port()));
            slow.setSoTimeout(10_000);
            MessageDigest actual = MessageDigest.getInstance("SHA-256");
            InputStream in = slow.getInputStream();
            byte[] buf = new byte[1000];
            long got = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                actual.update(buf, 0, n);
                got += n;
            }
            assertEquals(size, got);
            assertArrayEquals(expected.digest(), actual.digest());
            Events.ConnectionClosed closed = events.await(Events.ConnectionClosed.class, e -> true);
            assertEquals(size, closed.bytesOut());
            assertEquals(CloseReason.COMPLETED, closed.reason());
        }
    }

    @Test
    void afterThePeerHalfClosesTheHandlerSeesEndOfStreamAndCanStillAnswer() throws Exception {
        CompletableFuture<Boolean> endSeen = new CompletableFuture<>();
        Handler upload = conn -> {
            Message all = conn.receive();
            assertNull(conn.receive());
            endSeen.complete(conn.input().isEndOfStream());
            conn.send("got " + all.size());
        };
        try (Server s = Server.start(Local.server(upload).codec(Codecs.raw(1 << 20)).build());
             Connection c = Client.connect(Local.client(s).codec(Codecs.raw(1 << 20)).build())) {
            c.write("abc".getBytes(), 0, 3);
            c.shutdownOutput();
            assertTrue(endSeen.get(10, TimeUnit.SECONDS), "end of stream detected");
            assertEquals("got 3", c.receive().text(), "the half-closed side still reads");
            assertNull(c.receive());
            assertTrue(c.input().isEndOfStream());
        }
    }

    @Test
    void aHandlerThatHalfClosesStillReadsWhileCloseEndsBothDirections() throws Exception {
        CompletableFuture<String> afterHalfClose = new CompletableFuture<>();
        Handler h = conn -> {
            conn.send("bye");
            conn.shutdownOutput();
            afterHalfClose.complete(conn.receive().text());
            conn.close();
            assertFalse(conn.isOpen());
            conn.close(); // idempotent
        };
        try (Server s = Server.start(Local.server(h).codec(Codecs.lines()).build());
             Connection c = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
            assertEquals("bye", c.receive().text());
            assertNull(c.receive(), "the server's half-close reads as end of stream");
            c.send("still listening?");
            assertEquals("still listening?", afterHalfClose.get(10, TimeUnit.SECONDS));
            assertTrue(c.isOpen());
            c.close();
            assertFalse(c.isOpen());
        }
    }

    @Test
    void aReadTimeoutCanBeSetPerConnection() throws Exception {
        Recorder events = new Recorder();
        Handler h = conn -> {
            conn.readTimeout(Duration.ofMillis(150));
            conn.receive();
        };
        try (Server s = Server.start(Local.server(h).listener(events).build());
             Connection c = Client.connect(Local.client(s).build())) {
            assertNull(c.receive());
            assertEquals(CloseReason.IDLE_TIMEOUT, events.await(Events.ConnectionClosed.class, e -> true).reason());
        }
    }
}
