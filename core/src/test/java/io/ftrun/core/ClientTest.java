package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Peer;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

/** Clients: connect timeout, retries with backoff, raw file sending, many clients at once. */
class ClientTest {
    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** A server that reads one raw message (everything until the peer half-closes) and answers "size sha256". */
    static Server digestServer() throws Exception {
        return Server.start(Local.server(conn -> {
            Message all = conn.receive();
            byte[] bytes = all == null ? new byte[0] : all.bytes();
            conn.write((bytes.length + " " + sha256(bytes)).getBytes(), 0, (bytes.length + " " + sha256(bytes)).length());
        }).codec(Codecs.raw(64 << 20)).build());
    }

    /** A port nothing listens on: bound ephemerally by a server that is then stopped. */
    static int freePort() throws Exception {
        try (Server s = Server.start(Local.server(c -> { }).build())) {
            return s.port();
        }
    }

    @Test
    void connectTimesOutAgainstAListenerWhoseQueueIsFull() throws Exception {
        Recorder events = new Recorder();
        List<Socket> filling = new ArrayList<>();
        // A listener that never accepts, with a backlog of 1: once its queue is full, Linux drops further SYNs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket();
                filling.add(s);
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", full.getLocalPort()), 200);
                } catch (SocketTimeoutException queueFull) {
                    break;
                }
            }
            ClientConfig config = ClientConfig.builder().port(full.getLocalPort()).connectTimeout(Duration.ofMillis(300))
                    .retries(1).retryBackoff(Duration.ofMillis(50), Duration.ofMillis(50)).listener(events).build();
            long t0 = System.nanoTime();
            ConnectException e = assertThrows(ConnectException.class, () -> Client.connect(config));
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "the timeout bounded the wait");
            assertEquals("cannot connect to 127.0.0.1:" + full.getLocalPort() + " after 2 attempt(s): Connect timed out", e.getMessage());
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
            assertEquals(1, events.of(Events.Problem.class, p -> p.phase().equals("connect")).size());
        } finally {
            for (Socket s : filling) s.close();
        }
    }

    @Test
    void failedConnectsAreRetriedWithGrowingBackoffAndEachIsReported() throws Exception {
        Recorder events = new Recorder();
        int port = freePort();
        ClientConfig config = ClientConfig.builder().port(port).retries(3)
                .retryBackoff(Duration.ofMillis(40), Duration.ofMillis(100)).listener(events).build();
        long t0 = System.nanoTime();
        ConnectException e = assertThrows(ConnectException.class, () -> Client.connect(config));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port + " after 4 attempt(s)"), e.getMessage());
        List<Events.Problem> warnings = events.of(Events.Problem.class);
        assertEquals(3, warnings.size());
        for (int i = 0; i < 3; i++) {
            assertTrue(warnings.get(i).warning());
            assertTrue(warnings.get(i).message().endsWith("attempt " + (i + 1) + " of 4"), warnings.get(i).message());
        }
        assertTrue(millis >= 40 + 80 + 100, "waited 40, 80, then 100 ms (capped), took " + millis);
    }

    @Test
    void retriesConnectOnceTheServerComesUp() throws Exception {
        int port = freePort();
        CompletableFuture<Server> later = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(300);
                return Server.start(Local.server(io.ftrun.core.handler.Handlers.echo()).port(port).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ClientConfig config = ClientConfig.builder().port(port).retries(50).retryBackoff(Duration.ofMillis(20), Duration.ofMillis(100)).build();
        try (Connection c = Client.connect(config)) {
            c.send("late but there");
            assertEquals("late but there", c.receive().text());
        } finally {
            later.join().close();
        }
    }

    @Test
    void sendFileSendsEveryByteAndARangeRaw(@TempDir Path dir) throws Exception {
        byte[] data = new byte[5 * 1024 * 1024 + 123];
        new Random(42).nextBytes(data);
        Path file = Files.write(dir.resolve("payload.bin"), data);
        try (Server s = digestServer()) {
            try (Connection c = Client.connect(Local.client(s).codec(Codecs.raw(1 << 20)).build())) {
                assertEquals(data.length, c.sendFile(file));
                c.shutdownOutput();
                assertEquals(data.length + " " + sha256(data), c.receive().text());
                assertEquals(data.length, c.bytesOut());
            }
            try (Connection c = Client.connect(Local.client(s).codec(Codecs.raw(1 << 20)).build())) {
                assertEquals(4096, c.sendFile(file, 1000, 4096));
                c.shutdownOutput();
                assertEquals("4096 " + sha256(java.util.Arrays.copyOfRange(data, 1000, 5096)), c.receive().text());
            }
            try (Connection c = Client.connect(Local.client(s).codec(Codecs.raw(1 << 20)).build())) {
                assertEquals(0, c.sendFile(file, data.length + 10, 100), "a range past the end sends nothing");
            }
        }
    }

    @Test
    void theTutorialFileClientUploadsRawAndReadsTheAnswerAfterItsHalfClose(@TempDir Path dir) throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("libroR.pdf"), data);
        try (Server s = digestServer()) {
            Peer.Result r = Peer.python(Duration.ofSeconds(20), null, "upload_client.py", "127.0.0.1", s.port(), file, "--answer").awaitSuccess();
            assertEquals(data.length + " " + sha256(data), r.stdout());
        }
    }

    @Test
    void manyClientsRunAtOnceAndTheirOutcomesAreJoinedInOrder() throws Exception {
        BatchResult<Integer> r = Clients.run(20, Duration.ofSeconds(30), i -> {
            if (i == 7) throw new IllegalStateException("client 7 fails");
            return i * i;
        });
        assertEquals(20, r.size());
        assertFalse(r.allSucceeded());
        assertEquals(1, r.failures().size());
        assertEquals(7, r.failures().get(0).index());
        assertEquals("client 7 fails", r.failures().get(0).error().getMessage());
        for (int i = 0; i < 20; i++) {
            if (i != 7) assertEquals(i * i, r.outcomes().get(i).value());
        }
    }

    @Test
    void clientsStillRunningAtTheTimeoutAreInterruptedAndFail() throws Exception {
        long t0 = System.nanoTime();
        BatchResult<String> r = Clients.run(3, Duration.ofMillis(300), i -> {
            if (i == 1) Thread.sleep(60_000);
            return "done";
        });
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        assertEquals(List.of(1), r.failures().stream().map(BatchResult.Outcome::index).toList());
        assertEquals("done", r.outcomes().get(0).value());
    }

    @Test
    void interruptingTheWaitingThreadInterruptsTheClientsAndWaitsForThemToEnd() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.atomic.AtomicInteger cleanedUp = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Throwable> waiter = new CompletableFuture<>();
        Thread main = new Thread(() -> {
            try {
                Clients.run(2, Duration.ZERO, i -> {
                    started.countDown();
                    try {
                        Thread.sleep(60_000);
                    } finally {
                        cleanedUp.incrementAndGet(); // what a client does on its way out (a watch's summary)
                    }
                    return i;
                });
                waiter.complete(null);
            } catch (Throwable t) {
                waiter.complete(t);
            }
        });
        main.start();
        started.await();
        main.interrupt(); // Ctrl-C
        assertInstanceOf(InterruptedException.class, waiter.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, cleanedUp.get(), "both clients ended before the interrupt was rethrown");
    }

    @Test
    void aNameWithSeveralAddressesIsTriedAddressByAddress() throws Exception {
        // as localhost resolving to ::1 first while the server listens on IPv4 only: the first address refuses
        try (Server s = Server.start(Local.server(c -> c.send("hi")).build())) {
            InetAddress refusing = InetAddress.getByName("127.0.0.2");
            InetAddress listening = InetAddress.getByName("127.0.0.1");
            ClientConfig cfg = ClientConfig.builder().host("inbox.example").port(s.port()).retries(0).build();
            try (Connection c = Client.connect(cfg, host -> new InetAddress[] {refusing, listening})) {
                assertEquals("hi", c.receive().text());
            }
            ConnectException e = assertThrows(ConnectException.class, () -> Client.connect(cfg, host -> new InetAddress[] {refusing}));
            assertTrue(e.getMessage().startsWith("cannot connect to inbox.example:" + s.port() + " after 1 attempt(s)"), e.getMessage());
        }
    }

    @Test
    void aNameThatDoesNotResolveIsNotRetriedAndSaysSo() {
        ClientConfig cfg = ClientConfig.builder().host("no-such-host.invalid").port(1).retries(4).retryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5)).build();
        long t0 = System.nanoTime();
        // the resolver is the test's: no query leaves this machine
        java.net.UnknownHostException e = assertThrows(java.net.UnknownHostException.class, () -> Client.connect(cfg, host -> {
            throw new java.net.UnknownHostException(host + ": Name or service not known");
        }));
        assertEquals("cannot resolve host no-such-host.invalid", e.getMessage());
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "retried: took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Test
    void aReadTimeoutEndsAWaitForAnAnswerThatDoesNotCome() throws Exception {
        try (Server s = Server.start(Local.server(c -> Thread.sleep(5000)).shutdownGrace(Duration.ZERO).build());
             Connection c = Client.connect(Local.client(s).idleTimeout(Duration.ofMillis(200)).build())) {
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, c::receive);
            assertEquals("no answer from 127.0.0.1:" + s.port() + " for 200 ms", e.getMessage(), "whom it waited for, how long");
            assertTrue(c.isOpen(), "a read timeout does not close the connection");
            c.readTimeout(Duration.ofSeconds(1));
            assertEquals("no answer from 127.0.0.1:" + s.port() + " for 1 s", assertThrows(SocketTimeoutException.class, c::receive).getMessage());
        }
    }

    @Test
    void configurationIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder().port(0).build());
        assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder().retries(-1));
        assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder().chunkSize(10));
        assertThrows(IllegalArgumentException.class, () -> Clients.run(0, Duration.ZERO, i -> i));
        ClientConfig c = ClientConfig.builder().port(1).retries(2).build();
        assertEquals(2, c.toBuilder().build().retries());
    }
}
