package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.internal.Threads;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Overlap;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every strategy serves 20 concurrent clients; how many handlers overlap is measured, not timed. */
class ConcurrencyTest {
    static final int CLIENTS = 20;

    static boolean isVirtual(Thread t) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (ReflectiveOperationException e) {
            return false; // JDK 17 has no virtual threads
        }
    }

    static boolean jdkHasVirtualThreads() {
        return Runtime.version().feature() >= 21;
    }

    /**
     * name, strategy, overlap target, patience, expected maximum overlap. The target is one more than the
     * strategy may allow, so reaching the maximum and never exceeding it are both observed.
     */
    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("serial", Concurrency.serial(), 2, Duration.ofMillis(100), 1),
                Arguments.of("threads", Concurrency.threads(), CLIENTS, Duration.ofSeconds(10), CLIENTS),
                Arguments.of("pool", Concurrency.pool(4, 16), 5, Duration.ofMillis(300), 4),
                Arguments.of("virtual", Concurrency.virtual(), CLIENTS, Duration.ofSeconds(10), CLIENTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void twentyConcurrentClientsAreAllServedWithTheStrategysOverlap(String name, Concurrency c, int target, Duration patience,
                                                                    int expectedMax) throws Exception {
        Overlap overlap = new Overlap(target, patience);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Recorder events = new Recorder();
        Handler handler = conn -> {
            Message m = conn.receive();
            threads.add(Thread.currentThread());
            overlap.run(() -> {
                conn.send("re: " + m.text());
                return null;
            });
        };
        try (Server s = Server.start(Local.server(handler).name(name).concurrency(c).codec(Codecs.lines()).listener(events).build())) {
            BatchResult<String> r = Clients.run(CLIENTS, Duration.ofSeconds(60), i -> {
                try (Connection conn = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
                    conn.send("client " + i);
                    return conn.receive().text();
                }
            });
            assertTrue(r.allSucceeded(), () -> "failures: " + r.failures());
            assertEquals(IntStream.range(0, CLIENTS).mapToObj(i -> "re: client " + i).toList(), r.values());
            events.await(Events.ConnectionClosed.class, e -> e.reason() == CloseReason.COMPLETED, CLIENTS, Duration.ofSeconds(10));
            assertEquals(0, s.refusedConnections());
        }
        assertEquals(expectedMax, overlap.max(), "handlers running at once under " + name);
        switch (c.kind()) {
            case SERIAL:
                assertEquals(1, threads.size(), "serial runs every handler on the accept thread");
                assertTrue(threads.iterator().next().getName().startsWith("ftrun-accept-"), threads.toString());
                break;
            case POOL:
                assertTrue(threads.size() <= 4, "at most 4 pool threads, saw " + threads);
                assertTrue(threads.stream().allMatch(t -> t.getName().contains("-pool-")), threads.toString());
                break;
            case THREADS:
                assertEquals(CLIENTS, threads.size(), "a thread per connection");
                assertTrue(threads.stream().noneMatch(ConcurrencyTest::isVirtual));
                break;
            default:
                assertEquals(CLIENTS, threads.size(), "a thread per connection");
                assertEquals(jdkHasVirtualThreads(), threads.stream().allMatch(ConcurrencyTest::isVirtual), threads.toString());
        }
    }

    @Test
    void virtualWarnsExactlyOnceWhereTheJdkLacksVirtualThreads() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(Local.server(Handlers0.ECHO).concurrency(Concurrency.virtual()).listener(events).build())) {
            for (int i = 0; i < 3; i++) {
                try (Connection c = Client.connect(Local.client(s).build())) {
                    c.send("x");
                    assertEquals("x", c.receive().text());
                }
            }
        }
        List<Events.Problem> warnings = events.of(Events.Problem.class, Events.Problem::warning);
        if (jdkHasVirtualThreads()) {
            assertEquals(List.of(), warnings);
        } else {
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).message().contains("virtual threads need JDK 21+"), warnings.get(0).message());
        }
    }

    @Test
    void theDefaultIsAutoAndNeverWarns() throws Exception {
        Recorder events = new Recorder();
        Concurrency auto = ServerConfig.builder().handler(Handlers0.ECHO).build().concurrency();
        assertEquals(Concurrency.Kind.AUTO, auto.kind());
        assertEquals(Concurrency.AUTO_PLATFORM_THREADS, auto.poolSize());
        assertEquals(jdkHasVirtualThreads() ? "threads, virtual past 256 at once" : "threads", auto.toString());
        try (Server s = Server.start(Local.server(Handlers0.ECHO).listener(events).build())) {
            assertTrue(s.isRunning());
        }
        assertEquals(List.of(), events.of(Events.Problem.class));
    }

    /**
     * Under auto(2), five connections held at once: two on platform threads, three on virtual ones (platform on
     * JDK 17). Once they are done, the platform slots are free again: the next two run on platform threads.
     */
    @Test
    void autoRunsTheFirstConnectionsOnPlatformThreadsAndTheRestOnVirtualOnes() throws Exception {
        int held = 5;
        CountDownLatch allIn = new CountDownLatch(held);
        List<Boolean> virtual = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler handler = conn -> {
            Message m = conn.receive();
            virtual.add(isVirtual(Thread.currentThread()));
            allIn.countDown();
            assertTrue(allIn.await(20, TimeUnit.SECONDS), "all five connections in their handlers at once");
            conn.send("re: " + m.text());
        };
        Recorder events = new Recorder();
        try (Server s = Server.start(Local.server(handler).concurrency(Concurrency.auto(2)).codec(Codecs.lines()).listener(events).build())) {
            BatchResult<String> first = Clients.run(held, Duration.ofSeconds(60), i -> {
                try (Connection conn = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
                    conn.send("a" + i);
                    return conn.receive().text();
                }
            });
            assertTrue(first.allSucceeded(), () -> "failures: " + first.failures());
            assertEquals(jdkHasVirtualThreads() ? 2 : 5, virtual.stream().filter(v -> !v).count(), "platform threads among the first five: " + virtual);
            assertEquals(jdkHasVirtualThreads() ? 3 : 0, virtual.stream().filter(v -> v).count(), virtual.toString());
            // once those handlers have returned their platform slots, a new connection runs on a platform thread
            // again (a slot is returned just after its connection closed: poll instead of racing it)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                virtual.clear();
                try (Connection conn = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
                    conn.send("b");
                    assertEquals("re: b", conn.receive().text());
                }
            } while (virtual.get(0) && System.nanoTime() < deadline && Threads.sleep(20));
            assertEquals(List.of(false), virtual, "the platform slots were given back");
        }
    }

    /** Platform threads are reused: one that finished its connection serves the next instead of a new one starting. */
    @Test
    void platformThreadsServeOneConnectionAfterAnother() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Handler handler = conn -> {
            threads.add(Thread.currentThread());
            conn.send("re: " + conn.receive().text());
        };
        Recorder events = new Recorder();
        try (Server s = Server.start(Local.server(handler).concurrency(Concurrency.threads()).codec(Codecs.lines()).listener(events).build())) {
            for (int i = 0; i < 5; i++) {
                try (Connection conn = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
                    conn.send("x" + i);
                    assertEquals("re: x" + i, conn.receive().text());
                }
                events.await(Events.ConnectionClosed.class, e -> true, i + 1, Duration.ofSeconds(10));
                Thread.sleep(50); // the handler's thread goes back to the pool just after its connection closed
            }
        }
        assertTrue(threads.size() <= 2, "5 connections one after another had " + threads.size() + " threads: " + threads);
        assertTrue(threads.stream().noneMatch(ConcurrencyTest::isVirtual), threads.toString());
    }

    /**
     * A handler aborted by the write timeout is interrupted; the thread that ran it serves the next connection
     * without that interrupt (nor anything else of the connection before).
     */
    @Test
    void aReusedThreadCarriesNoInterruptIntoTheNextConnection() throws Exception {
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> interruptedAtStart = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler handler = conn -> {
            threads.add(Thread.currentThread());
            interruptedAtStart.add(Thread.currentThread().isInterrupted());
            String m = conn.receive().text();
            if (m.equals("flood")) { // the client never reads: the write timeout aborts the connection
                byte[] big = new byte[1 << 20];
                while (true) conn.write(big, 0, big.length);
            }
            conn.send("re: " + m);
        };
        Recorder events = new Recorder();
        try (Server s = Server.start(Local.server(handler).concurrency(Concurrency.threads()).writeTimeout(Duration.ofMillis(300))
                .codec(Codecs.lines()).listener(events).build());
             Socket flooded = Local.socket(s)) {
            Local.write(flooded, "flood\n");
            events.await(Events.ConnectionClosed.class, e -> e.reason() == CloseReason.WRITE_TIMEOUT);
            Thread.sleep(50); // the handler's thread goes back to the pool just after its connection closed
            try (Connection conn = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
                conn.send("after");
                assertEquals("re: after", conn.receive().text());
            }
        }
        assertEquals(2, threads.size(), threads.toString());
        assertSame(threads.get(0), threads.get(1), "the second connection ran on the first one's thread");
        assertEquals(List.of(false, false), interruptedAtStart);
    }

    @Test
    void autoNeedsANonNegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> Concurrency.auto(-1));
    }

    @Test
    void poolQueuesBeyondItsThreadsAndRefusesPastItsQueueWithAMessage() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Recorder events = new Recorder();
        Handler held = conn -> {
            Message m = conn.receive();
            assertTrue(release.await(20, TimeUnit.SECONDS));
            conn.send("done " + m.text());
        };
        try (Server s = Server.start(Local.server(held).concurrency(Concurrency.pool(1, 1)).codec(Codecs.lines()).listener(events).build());
             Connection running = Client.connect(Local.client(s).codec(Codecs.lines()).build());
             Connection queued = Client.connect(Local.client(s).codec(Codecs.lines()).build())) {
            running.send("a");
            queued.send("b");
            events.await(Events.ConnectionOpened.class, e -> true, 2, Duration.ofSeconds(10));
            try (Socket refused = Local.socket(s)) {
                assertEquals("ERROR server busy, try again later\n", Local.readAll(refused, 1000));
            }
            Events.ConnectionRefused r = events.await(Events.ConnectionRefused.class, e -> true);
            assertTrue(r.why().contains("queue full"), r.why());
            assertEquals(2, s.activeConnections(), "the running and the queued connection");
            release.countDown();
            assertEquals("done a", running.receive().text());
            assertEquals("done b", queued.receive().text());
            assertEquals(1, s.refusedConnections());
        }
    }

    @Test
    void invalidPoolsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Concurrency.pool(0));
        assertThrows(IllegalArgumentException.class, () -> Concurrency.pool(2, -1));
        assertEquals("pool(3, queue 12)", Concurrency.pool(3).toString());
    }

    /** Handlers used where any handler will do. */
    static final class Handlers0 {
        static final Handler ECHO = io.ftrun.core.handler.Handlers.echo();
    }
}
