package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.support.Eventually;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Graceful shutdown: stop accepting, drain until the deadline, abort the rest and say which. */
class ShutdownTest {
    static Stream<Concurrency> strategies() {
        return Stream.of(Concurrency.serial(), Concurrency.threads(), Concurrency.pool(2), Concurrency.virtual());
    }

    static ShutdownReport await(Server s) throws Exception {
        return s.shutdown().get(15, TimeUnit.SECONDS);
    }

    /** Reads until the server ends the connection: end of stream, or a reset (both are "it was closed"). */
    static boolean closedByServer(Connection c) {
        try {
            return c.receive() == null;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void connectionsInFlightFinishWithinTheGracePeriod() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        Handler slow = conn -> {
            Message m = conn.receive();
            inHandler.countDown();
            Thread.sleep(300);
            conn.send("finished " + m.text());
        };
        Server s = Server.start(Local.server(slow).codec(Codecs.lines()).shutdownGrace(Duration.ofSeconds(10)).build());
        try (Connection c = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
            c.send("job");
            assertTrue(inHandler.await(10, TimeUnit.SECONDS));
            var stopping = s.shutdown();
            assertFalse(s.isRunning());
            assertThrows(ConnectException.class, () -> Client.connect(Local.client(s).build()), "no longer accepting");
            assertEquals("finished job", c.receive().text(), "the connection in flight was let finish");
            ShutdownReport r = stopping.get(15, TimeUnit.SECONDS);
            assertTrue(r.clean(), r.toString());
            assertEquals(1, r.drained());
            assertTrue(r.took().compareTo(Duration.ofSeconds(5)) < 0, "did not wait out the grace period: " + r.took());
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void connectionsStillRunningAtTheDeadlineAreAbortedAndReported(Concurrency strategy) throws Exception {
        Recorder events = new Recorder();
        Handler silentPeer = conn -> {
            while (conn.receive() != null) {
                // waits for a peer that never sends again
            }
        };
        Server s = Server.start(Local.server(silentPeer).concurrency(strategy).codec(Codecs.lines())
                .shutdownGrace(Duration.ofMillis(200)).listener(events).build());
        try (Connection c = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
            c.send("hello");
            events.await(Events.ConnectionOpened.class, e -> true);
            ShutdownReport r = await(s);
            assertEquals(1, r.aborted().size(), r.toString());
            ShutdownReport.Aborted a = r.aborted().get(0);
            assertEquals(c.localAddress(), a.remote());
            assertEquals(6, a.bytesIn(), "'hello\\n' had arrived");
            assertEquals(0, r.drained());
            assertTrue(closedByServer(c));
            Events.ConnectionClosed closed = events.await(Events.ConnectionClosed.class, e -> true);
            assertEquals(CloseReason.SHUTDOWN_ABORTED, closed.reason());
            assertEquals(a.id(), closed.id());
            assertEquals(1, events.of(Events.ServerStopped.class).size());
        }
    }

    @Test
    void anAbortWakesAHandlerThatIsNotInIo() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch inHandler = new CountDownLatch(1);
        Handler sleeper = conn -> {
            inHandler.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        };
        Server s = Server.start(Local.server(sleeper).shutdownGrace(Duration.ofMillis(100)).build());
        try (Connection c = Client.connect(Local.client(s).build())) {
            assertTrue(inHandler.await(10, TimeUnit.SECONDS));
            ShutdownReport r = await(s);
            assertEquals(1, r.aborted().size());
            assertEquals(0, r.drained(), "never negative, and the aborted handler is not counted as drained");
            assertTrue(interrupted.get(), "the sleeping handler was interrupted");
            assertTrue(r.took().compareTo(Duration.ofSeconds(3)) < 0, "took " + r.took());
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aHandlerCanShutDownItsOwnServerWithoutDeadlock(Concurrency strategy) throws Exception {
        AtomicReference<Server> self = new AtomicReference<>();
        Handler stopper = conn -> {
            Message m;
            while ((m = conn.receive()) != null) {
                if (m.text().equals("stop")) {
                    self.get().close();              // must not wait for this very handler
                    self.get().shutdown(Duration.ZERO); // a second call changes nothing
                    conn.send("stopping");
                    return;
                }
                conn.send(m.text());
            }
        };
        Server s = Server.start(Local.server(stopper).concurrency(strategy).codec(Codecs.lines()).shutdownGrace(Duration.ofSeconds(10)).build());
        self.set(s);
        try (Connection c = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
            c.send("ping");
            assertEquals("ping", c.receive().text());
            c.send("stop");
            assertEquals("stopping", c.receive().text());
            ShutdownReport r = s.shutdown().get(15, TimeUnit.SECONDS);
            assertTrue(r.clean(), "the handler finished by itself: " + r);
            assertEquals(1, r.drained());
            assertSame(r, s.awaitTermination());
        }
    }

    @Test
    void aPoolWithQueuedConnectionsShutsDownWithoutHanging() throws Exception {
        AtomicInteger started = new AtomicInteger();
        Handler blocking = conn -> {
            started.incrementAndGet();
            while (conn.receive() != null) {
                // holds the only pool thread
            }
        };
        Server s = Server.start(Local.server(blocking).concurrency(Concurrency.pool(1, 4)).shutdownGrace(Duration.ofMillis(200)).build());
        List<Connection> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) clients.add(Client.connect(Local.client(s).build()));
            Eventually.equals(4, s::activeConnections, "one running, three queued");
            ShutdownReport r = await(s);
            assertEquals(4, r.aborted().size(), "queued connections are in flight too: " + r);
            assertEquals(1, started.get(), "queued handlers were not started just to be aborted");
            for (Connection c : clients) assertTrue(closedByServer(c));
        } finally {
            clients.forEach(Connection::close);
        }
    }
}
