package io.ftrun.core.handler;

import io.ftrun.core.Client;
import io.ftrun.core.CloseReason;
import io.ftrun.core.Connection;
import io.ftrun.core.Handler;
import io.ftrun.core.Message;
import io.ftrun.core.Server;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.support.Eventually;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Broadcast groups: join and leave, to all or all but the sender, and a slow member never holds up the rest. */
class ConnectionGroupTest {
    static void awaitSize(ConnectionGroup g, int n) throws InterruptedException {
        Eventually.equals(n, g::size, "members of " + g.name());
    }

    static Connection lineClient(Server s) throws Exception {
        return Client.connect(Local.client(s).codec(Codecs.lines()).build());
    }

    static String who(Connection c) {
        return c.localAddress().getAddress().getHostAddress() + ":" + c.localAddress().getPort();
    }

    @Test
    void broadcastReachesAllMembersOrAllButTheSender() throws Exception {
        ConnectionGroup group = new ConnectionGroup("room", 16);
        Handler member = conn -> {
            group.join(conn);
            group.join(conn); // twice is once
            try {
                Message m;
                while ((m = conn.receive()) != null) {
                    String t = m.text();
                    if (t.startsWith("all:")) group.broadcast(t.substring(4).getBytes());
                    else group.broadcastExcept(conn, t.substring(7));
                }
            } finally {
                group.leave(conn);
            }
        };
        try (Server s = Server.start(Local.server(member).codec(Codecs.lines()).build());
             Connection a = lineClient(s);
             Connection b = lineClient(s)) {
            try (Connection c = lineClient(s)) {
                awaitSize(group, 3);
                a.send("others:hi");
                assertEquals("hi", b.receive().text());
                assertEquals("hi", c.receive().text());
                a.send("all:everyone");
                assertEquals("everyone", a.receive().text(), "the sender got the broadcast to all, not the one that excluded it");
                assertEquals("everyone", b.receive().text());
                assertEquals("everyone", c.receive().text());
            }
            awaitSize(group, 2);
            b.send("others:after c left");
            assertEquals("after c left", a.receive().text());
            assertEquals(2, group.members().size());
        }
    }

    /** A member that never reads: one that reads everything. Both are plain sockets, as a real peer would be. */
    static final class Reader extends Thread {
        final Socket socket;
        volatile long bytes;
        final CompletableFuture<Long> done = new CompletableFuture<>();
        final long expected;

        Reader(Socket socket, long expected) {
            this.socket = socket;
            this.expected = expected;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[65536];
                int n;
                while (bytes < expected && (n = in.read(buf)) > 0) bytes += n;
            } catch (Exception ignored) {
                // reported through the byte count
            }
            done.complete(bytes);
        }
    }

    @Test
    void aMemberThatStopsReadingIsDroppedWhileTheOthersReceiveEverything() throws Exception {
        Recorder events = new Recorder();
        ConnectionGroup group = new ConnectionGroup("room", 128);
        Handler member = conn -> {
            group.join(conn);
            try {
                while (conn.receive() != null) {
                    // members only listen
                }
            } finally {
                group.leave(conn);
            }
        };
        int messages = 400, size = 8192;
        List<Reader> fast = new ArrayList<>();
        try (Server s = Server.start(Local.server(member).sendBufferSize(8192).listener(events).build());
             Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
            for (int i = 0; i < 3; i++) {
                Reader r = new Reader(Local.socket(s), (long) messages * size);
                fast.add(r);
                r.start();
            }
            awaitSize(group, 4);
            byte[] message = new byte[size];
            for (int i = 0; i < messages; i++) {
                group.broadcast(message);
                // A busy room, not a single burst, paced so the readers stay well within their 128-message queue
                // even when this 2-core machine starves their threads for a while: only the one that never
                // reads can fall that far behind.
                long sent = (long) (i + 1) * size;
                for (Reader r : fast) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (sent - r.bytes > 32L * size && !r.done.isDone() && System.nanoTime() < deadline) Thread.sleep(1);
                }
            }
            Events.ConnectionClosed dropped = events.await(Events.ConnectionClosed.class, e -> e.reason() == CloseReason.SLOW_CONSUMER);
            assertEquals(slow.getLocalPort(), dropped.remote().getPort(), "the one that never read was dropped");
            for (Reader r : fast) {
                assertEquals((long) messages * size, r.done.get(20, TimeUnit.SECONDS), "a reading member got every byte");
            }
            assertEquals(3, group.size());
            assertEquals(1, events.of(Events.ConnectionClosed.class, e -> e.reason() == CloseReason.SLOW_CONSUMER).size());
            for (Reader r : fast) r.socket.close(); // before the server's close, which would wait for them
        } finally {
            for (Reader r : fast) r.socket.close();
        }
    }

    @Test
    void theChatHandlerRelaysLinesToTheOthersWithJoinAndLeaveNotices() throws Exception {
        ConnectionGroup room = new ConnectionGroup("chat", 64);
        try (Server s = Server.start(Local.server(Handlers.chat(room)).codec(Codecs.lines()).build());
             Connection a = lineClient(s)) {
            awaitSize(room, 1);
            try (Connection b = lineClient(s)) {
                assertEquals("* " + who(b) + " joined", a.receive().text());
                awaitSize(room, 2);
                String cWho;
                try (Connection c = lineClient(s)) {
                    cWho = who(c);
                    assertEquals("* " + who(c) + " joined", a.receive().text());
                    assertEquals("* " + who(c) + " joined", b.receive().text());
                    awaitSize(room, 3);
                    a.send("hello");
                    assertEquals(who(a) + ": hello", b.receive().text());
                    assertEquals(who(a) + ": hello", c.receive().text());
                    b.send("evil\u001b[2J");
                    assertEquals(who(b) + ": evil\\x1b[2J", a.receive().text(), "control characters are neutralised");
                    assertEquals(who(b) + ": evil\\x1b[2J", c.receive().text());
                }
                assertEquals("* " + cWho + " left", a.receive().text());
                assertEquals("* " + cWho + " left", b.receive().text());
            }
        }
    }
}
