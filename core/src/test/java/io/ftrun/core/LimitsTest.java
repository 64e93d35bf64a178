package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.handler.Handlers;
import io.ftrun.core.support.Eventually;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Peer;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Connection limits refuse with a line instead of hanging; idle and write timeouts cut off stuck peers. */
class LimitsTest {
    static final String BUSY = "ERROR server busy, try again later\n";

    static ServerConfig.Builder lineEcho(Recorder events) {
        return Local.server(Handlers.echo()).codec(Codecs.lines()).listener(events);
    }

    /** Proves a plain socket is being served: one line goes round trip. */
    static void assertServed(Socket s, String line) throws Exception {
        Local.write(s, line + "\n");
        byte[] buf = new byte[line.length() + 1];
        int n = 0;
        while (n < buf.length) {
            int r = s.getInputStream().read(buf, n, buf.length - n);
            assertTrue(r > 0, "connection closed instead of echoing '" + line + "'");
            n += r;
        }
        assertEquals(line + "\n", new String(buf, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void overTheGlobalLimitAConnectionReadsTheRefusalThenEndOfStream() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(lineEcho(events).maxConnections(2).build());
             Socket a = Local.socket(s);
             Socket b = Local.socket(s)) {
            assertServed(a, "a");
            assertServed(b, "b");
            try (Socket refused = Local.socket(s)) {
                assertEquals(BUSY, Local.readAll(refused, 1000), "the line, then the end: no hang");
            }
            assertEquals("server at its limit of 2 connections", events.await(Events.ConnectionRefused.class, e -> true).why());
            a.close();
            Eventually.equals(1, s::activeConnections, "active connections");
            try (Socket c = Local.socket(s)) {
                assertServed(c, "the freed slot is usable again");
            }
            assertEquals(1, s.refusedConnections());
        }
    }

    @Test
    void thePerAddressLimitCountsEachRemoteAddressAndTheGlobalLimitAllOfThem() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(lineEcho(events).maxConnectionsPerAddress(1).maxConnections(3).build());
             Socket one = Local.socket(s, "127.0.0.1");
             Socket two = Local.socket(s, "127.0.0.2")) {
            assertServed(one, "from 127.0.0.1");
            assertServed(two, "from 127.0.0.2");
            try (Socket again = Local.socket(s, "127.0.0.1")) {
                assertEquals(BUSY, Local.readAll(again, 1000));
            }
            Events.ConnectionRefused perAddress = events.await(Events.ConnectionRefused.class, e -> true);
            assertEquals("address at its limit of 1 connections", perAddress.why());
            assertEquals("127.0.0.1", perAddress.remote().getAddress().getHostAddress());
            try (Socket three = Local.socket(s, "127.0.0.3")) {
                assertServed(three, "from 127.0.0.3");
                try (Socket four = Local.socket(s, "127.0.0.4")) {
                    assertEquals(BUSY, Local.readAll(four, 1000));
                }
                assertEquals("server at its limit of 3 connections",
                        events.await(Events.ConnectionRefused.class, e -> e.remote().getAddress().getHostAddress().equals("127.0.0.4")).why());
            }
        }
    }

    @Test
    void aRefusedTutorialClientThatSpeaksFirstStillReadsTheRefusal() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(lineEcho(events).maxConnections(1).build());
             Socket held = Local.socket(s)) {
            assertServed(held, "held");
            Peer.Result r = Peer.python(Duration.ofSeconds(20), null, "echo_client.py", "127.0.0.1", s.port(), "hello?").awaitSuccess();
            assertEquals("Received from server: " + BUSY + "\n", r.stdout());
        }
    }

    @Test
    void theIdleTimeoutClosesASilentPeerButNotABusyOne() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(lineEcho(events).idleTimeout(Duration.ofMillis(300)).build());
             Connection silent = Client.connect(Local.client(s).codec(Codecs.lines()).build());
             Connection busy = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
            for (int i = 0; i < 6; i++) { // 6 x 100 ms: longer than the timeout in total, never idle for it
                busy.send("tick " + i);
                assertEquals("tick " + i, busy.receive().text());
                Thread.sleep(100);
            }
            assertNull(silent.receive(), "the silent peer was closed");
            Events.ConnectionClosed closed = events.await(Events.ConnectionClosed.class, e -> true);
            assertEquals(CloseReason.IDLE_TIMEOUT, closed.reason());
            assertEquals(silent.localAddress(), closed.remote());
            busy.send("still open");
            assertEquals("still open", busy.receive().text());
        }
    }

    @Test
    void theWriteTimeoutCutsOffAPeerThatStopsReading() throws Exception {
        Recorder events = new Recorder();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Handler flood = conn -> {
            byte[] block = new byte[256 * 1024];
            try {
                for (int i = 0; i < 400; i++) conn.write(block, 0, block.length); // 100 MiB: more than any buffer
                failure.complete(null);
            } catch (Exception e) {
                failure.complete(e);
                throw e;
            }
        };
        try (Server s = Server.start(Local.server(flood).writeTimeout(Duration.ofMillis(300)).sendBufferSize(16 * 1024).listener(events).build());
             Socket neverReads = new Socket()) {
            neverReads.setReceiveBufferSize(4096);
            neverReads.connect(new java.net.InetSocketAddress("127.0.0.1", s.port()), 5000);
            Throwable t = failure.get(20, TimeUnit.SECONDS);
            assertInstanceOf(SocketTimeoutException.class, t);
            assertTrue(t.getMessage().startsWith("write timed out"), t.getMessage());
            assertEquals(CloseReason.WRITE_TIMEOUT, events.await(Events.ConnectionClosed.class, e -> true).reason());
        }
    }
}
