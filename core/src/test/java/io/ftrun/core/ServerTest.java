package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.handler.Handlers;
import io.ftrun.core.support.Eventually;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Overlap;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Binding, the backlog, address reuse, and an accept loop that outlives every failing connection. */
class ServerTest {
    static Stream<Concurrency> strategies() {
        return Stream.of(Concurrency.serial(), Concurrency.threads(), Concurrency.pool(2), Concurrency.virtual());
    }

    /** A handler that fails on demand: "boom" throws an exception, "fatal" an Error; anything else is echoed. */
    static final Handler FRAGILE = conn -> {
        Message m;
        while ((m = conn.receive()) != null) {
            if (m.text().equals("boom")) throw new IllegalStateException("boom");
            if (m.text().equals("fatal")) throw new AssertionError("fatal");
            conn.send(m.text());
        }
    };

    @Test
    void portZeroBindsAnEphemeralPortAndReportsIt() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(Local.server(Handlers.echo()).listener(events).build())) {
            assertTrue(s.port() > 0);
            assertEquals("127.0.0.1", s.address().getAddress().getHostAddress());
            Events.ServerStarted started = events.await(Events.ServerStarted.class, e -> true);
            assertEquals(s.port(), started.fields().get("port"));
            try (Socket c = Local.socket(s)) {
                assertEquals(s.port(), c.getPort());
            }
        }
    }

    @Test
    void aBusyPortFailsWithAClearMessageAndAFreedOneCanBeReused() throws Exception {
        int port;
        try (Server first = Server.start(Local.server(Handlers.echo()).build())) {
            port = first.port();
            IOException e = assertThrows(IOException.class, () -> Server.start(Local.server(Handlers.echo()).port(port).build()));
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + port), e.getMessage());
        }
        try (Server again = Server.start(Local.server(Handlers.echo()).port(port).build())) {
            assertEquals(port, again.port());
        }
    }

    /**
     * The server closes first, so its side of the connection lingers in TIME_WAIT. Rebinding the port then needs
     * SO_REUSEADDR: without it the bind fails, which proves the option is really applied.
     */
    @Test
    void addressReuseLetsARestartBindAPortWithConnectionsInTimeWait() throws Exception {
        int port;
        try (Server s = Server.start(Local.server(conn -> conn.send("bye")).build())) {
            port = s.port();
            try (Socket c = Local.socket(s)) {
                assertEquals("bye", Local.readAll(c, 100));
            }
        }
        IOException e = assertThrows(IOException.class,
                () -> Server.start(Local.server(Handlers.echo()).port(port).reuseAddress(false).build()));
        assertTrue(e.getMessage().contains("cannot listen"), e.getMessage());
        try (Server restarted = Server.start(Local.server(Handlers.echo()).port(port).reuseAddress(true).build())) {
            assertEquals(port, restarted.port());
        }
    }

    /**
     * A backlog of 1 still serves 20 clients at once: it only bounds connections the kernel holds before
     * accept(). (Clients connecting faster than accept() overflow it and wait for TCP's SYN retransmission,
     * a second each: that is the queue working, so each client here connects once the last was accepted.)
     */
    @Test
    void backlogIsTheKernelQueueNotAClientLimit() throws Exception {
        Overlap overlap = new Overlap(20, Duration.ofSeconds(10));
        Handler h = conn -> overlap.run(() -> {
            conn.send("served");
            return null;
        });
        try (Server s = Server.start(Local.server(h).backlog(1).concurrency(Concurrency.threads()).build())) {
            List<Connection> clients = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    clients.add(Client.connect(Local.client(s).build()));
                    Eventually.equals(i + 1, () -> s.activeConnections() + s.completedConnections(), "accepted connections");
                }
                for (Connection c : clients) assertEquals("served", c.receive().text());
            } finally {
                clients.forEach(Connection::close);
            }
            assertEquals(20, overlap.max(), "20 clients served at once with a backlog of 1");
        }
    }

    /**
     * A burst of raw senders waits in the kernel's queue, whole, while the accept loop is busy: 400 of them connect
     * while a serial server's first handler holds its accept thread, and every file arrives. A queue smaller than
     * the burst (the old default, 128) let only 129 in; the rest had their SYNs dropped, and a connection that
     * completes while the queue is full can be reset by the kernel with its data (docs/RELIABILITY.md, "The listen
     * queue"): the cause of KilledSendersTest's raw senders reset before they had sent their 512 KiB.
     */
    @Test
    void aBurstOfRawSendersWaitsWholeInTheListenQueueWhileTheAcceptLoopIsBusy(@TempDir Path tmp) throws Exception {
        int burst = 400;
        Path inbox = tmp.resolve("inbox");
        Handler files = FileReceiver.handler(FileReceiverConfig.builder().directory(inbox).protocol(FileProtocol.RAW).build());
        CountDownLatch connected = new CountDownLatch(burst);
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicLong queuedWhileHeld = new AtomicLong();
        Handler holdsTheAcceptLoop = conn -> {
            if (first.getAndSet(false)) { // serial: this runs on the accept thread, so nothing is accepted meanwhile
                connected.await(10, TimeUnit.SECONDS);
                queuedWhileHeld.set(burst - connected.getCount());
            }
            files.handle(conn);
        };
        try (Server s = Server.start(Local.server(holdsTheAcceptLoop).concurrency(Concurrency.serial()).build())) {
            BatchResult<String> r = Clients.run(burst, Duration.ofSeconds(90), i -> {
                try (Socket c = new Socket()) {
                    c.setSoTimeout(60_000);
                    c.connect(new InetSocketAddress("127.0.0.1", s.port()), 60_000);
                    connected.countDown();
                    Local.write(c, "file " + i); // what nc -N does: write, end, wait for the receiver to close
                    c.shutdownOutput();
                    assertEquals(-1, c.getInputStream().read());
                }
                return "sent";
            });
            assertEquals(burst, queuedWhileHeld.get(), "connected while the accept loop was busy (backlog " + s.config().backlog()
                    + ", net.core.somaxconn " + Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")) + ")");
            assertTrue(r.allSucceeded(), r.toString());
            Set<String> stored = new TreeSet<>();
            try (Stream<Path> list = Files.list(inbox)) {
                for (Path p : list.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) stored.add(Files.readString(p));
            }
            Set<String> sent = new TreeSet<>();
            for (int i = 0; i < burst; i++) sent.add("file " + i);
            assertEquals(sent, stored, "every raw sender's file, intact");
        }
    }

    @Test
    void configurationIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().backlog(0));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().port(65536));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().maxConnections(-1));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().chunkSize(100));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().idleTimeout(Duration.ofSeconds(-1)));
        NullPointerException e = assertThrows(NullPointerException.class, () -> ServerConfig.builder().name("x").build());
        assertTrue(e.getMessage().contains("server 'x' has no handler"));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theAcceptLoopOutlivesFailingHandlersAndResettingPeers(Concurrency c) throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(Local.server(FRAGILE).concurrency(c).codec(Codecs.lines()).listener(events).build())) {
            for (String poison : List.of("boom", "fatal")) {
                try (Connection conn = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
                    conn.send(poison);
                    assertNull(conn.receive(), "the failing handler's connection is closed");
                }
            }
            try (Socket reset = Local.socket(s)) {
                reset.setSoLinger(true, 0); // close with RST
            }
            try (Connection conn = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
                conn.send("still there?");
                assertEquals("still there?", conn.receive().text());
            }
            List<Events.ConnectionClosed> failed = events.await(Events.ConnectionClosed.class,
                    e -> e.reason() == CloseReason.HANDLER_ERROR, 2, Duration.ofSeconds(10));
            assertEquals(java.util.Set.of("IllegalStateException: boom", "AssertionError: fatal"),
                    failed.stream().map(Events.ConnectionClosed::error).collect(java.util.stream.Collectors.toSet()));
            assertTrue(s.isRunning());
        }
    }
}
