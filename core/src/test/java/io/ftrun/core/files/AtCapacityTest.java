package io.ftrun.core.files;

import io.ftrun.core.Concurrency;
import io.ftrun.core.event.Event;
import io.ftrun.core.support.Eventually;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.ProxyHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server at its limits with the tutorial's raw senders (nc, python), which never read: a refusal they cannot see
 * would be a file reported as sent and never stored. They must wait and be stored. Framed senders, which read, get
 * the protocol's ERROR BUSY.
 */
class AtCapacityTest {
    @TempDir
    Path tmp;

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    /** A raw receiver that never cuts idle connections by itself: the test decides when the slots free. */
    private FileReceiverConfig raw(Path dir) {
        return FileReceiverConfig.builder().directory(dir).naming(NamingPolicies.counter("file_%d.pdf"))
                .minRate(0, Duration.ZERO).build();
    }

    private Path file(String name, int size, long seed) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, Fixture.randomBytes(size, seed));
        return p;
    }

    private static List<Socket> idle(Fixture f, int n, String from) throws Exception {
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < n; i++) held.add(Local.socket(f.server, from));
        return held;
    }

    private static Map<String, Integer> digests(List<Path> files) throws Exception {
        Map<String, Integer> m = new TreeMap<>();
        for (Path p : files) m.merge(sha(p), 1, Integer::sum);
        return m;
    }

    private static void closeAll(List<Socket> sockets) throws Exception {
        for (Socket s : sockets) s.close();
    }

    /** The measurement: 20 idle connections fill the tutorial's 20 slots, then nc and python upload. */
    @Test
    void rawSendersAtTheConnectionLimitWaitAndTheirFilesAreStored() throws Exception {
        Path in = tmp.resolve("in");
        List<Path> sent = List.of(file("a.pdf", 100_000, 1), file("b.pdf", 5_000_000, 2), file("c.pdf", 100_000, 3));
        try (Fixture f = Fixture.start(raw(in), b -> b.maxConnections(20).idleTimeout(Duration.ofSeconds(30)))) {
            List<Socket> held = idle(f, 20, "127.0.0.1");
            Eventually.until(() -> f.server.activeConnections() == 20, "20 connections admitted");
            Proc nc1 = Proc.start(sent.get(0).toFile(), "nc", "-N", "127.0.0.1", String.valueOf(f.port()));
            Proc nc2 = Proc.start(sent.get(1).toFile(), "nc", "-N", "127.0.0.1", String.valueOf(f.port()));
            Proc py = Proc.start("python3", tutorialClient(), String.valueOf(f.port()), sent.get(2).toString());
            // Let a refusal happen if the server would refuse: today's senders are turned away within milliseconds.
            Thread.sleep(1000);
            assertEquals(List.of(), f.of("connection-refused"), "nobody is refused");
            assertEquals(List.of(), f.of("file-received"), "nothing was served yet: every slot is taken");
            closeAll(held);
            for (Proc p : List.of(nc1, nc2, py)) assertEquals(0, p.waitFor(Duration.ofSeconds(60)), p.output());
            f.await("file-received", 3, Duration.ofSeconds(20));
            f.awaitIdle(Duration.ofSeconds(5));
        }
        List<Path> stored = new ArrayList<>();
        for (String n : Fixture.finalFiles(in)) stored.add(in.resolve(n));
        assertEquals(digests(sent), digests(stored), "each sender's file stored intact, once");
        assertEquals(List.of(), Fixture.temporaries(in));
    }

    /**
     * Over the per-address limit a raw sender is parked unread, and a sender from another address is served at once.
     */
    @Test
    void rawSendersOverThePerAddressLimitAreParkedWhileOthersAreServed() throws Exception {
        Path in = tmp.resolve("in");
        List<Path> parked = List.of(file("p1.pdf", 300_000, 11), file("p2.pdf", 2_000_000, 12), file("p3.pdf", 50_000, 13));
        Path other = file("other.pdf", 200_000, 14);
        try (Fixture f = Fixture.start(raw(in), b -> b.maxConnectionsPerAddress(2).idleTimeout(Duration.ofSeconds(30)))) {
            List<Socket> held = idle(f, 2, "127.0.0.1");
            Eventually.until(() -> f.server.activeConnections() == 2, "2 connections admitted");
            List<Proc> waiting = new ArrayList<>();
            for (Path p : parked) waiting.add(Proc.start(p.toFile(), "nc", "-N", "-s", "127.0.0.1", "127.0.0.1", String.valueOf(f.port())));
            Eventually.until(() -> f.server.waitingConnections() == 3, "3 connections parked");
            Proc fromElsewhere = Proc.start(other.toFile(), "nc", "-N", "-s", "127.0.0.2", "127.0.0.1", String.valueOf(f.port()));
            assertEquals(0, fromElsewhere.waitFor(Duration.ofSeconds(30)), fromElsewhere.output());
            Event got = f.await("file-received", 1, Duration.ofSeconds(10)).get(0);
            assertEquals((long) Files.size(other), got.fields().get("bytes"));
            assertEquals(3, f.server.waitingConnections(), "127.0.0.1's uploads still wait");
            closeAll(held);
            for (Proc p : waiting) assertEquals(0, p.waitFor(Duration.ofSeconds(60)), p.output());
            f.await("file-received", 4, Duration.ofSeconds(20));
            f.awaitIdle(Duration.ofSeconds(5));
            assertEquals(List.of(), f.of("connection-refused"));
        }
        List<Path> all = new ArrayList<>(parked);
        all.add(other);
        List<Path> stored = new ArrayList<>();
        for (String n : Fixture.finalFiles(in)) stored.add(in.resolve(n));
        assertEquals(digests(all), digests(stored));
    }

    /** The bar: 300 silent peers from one address; a good client from another is served within a second. */
    @Test
    void threeHundredSilentPeersDoNotHoldBackAnotherAddress() throws Exception {
        Path in = tmp.resolve("in");
        Path good = file("good.pdf", 64_000, 21);
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(in).naming(NamingPolicies.counter("file_%d.pdf")).build();
        try (Fixture f = Fixture.start(cfg, b -> b.concurrency(Concurrency.virtual()).maxConnections(1000)
                .maxConnectionsPerAddress(20).idleTimeout(Duration.ofSeconds(30)))) {
            List<Socket> silent = idle(f, 300, "127.0.0.1");
            Eventually.until(() -> f.server.waitingConnections() == 280, "280 parked");
            long t0 = System.nanoTime();
            Proc nc = Proc.start(good.toFile(), "nc", "-N", "-s", "127.0.0.2", "127.0.0.1", String.valueOf(f.port()));
            assertEquals(0, nc.waitFor(Duration.ofSeconds(10)), nc.output());
            f.await("file-received", 1, Duration.ofSeconds(10));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis < 1000, "served in " + millis + " ms");
            closeAll(silent);
        }
        assertEquals(sha(good), sha(in.resolve("file_1.pdf")));
    }

    /** A full pool queue is a limit too: a raw sender waits in the listen queue until a thread is free. */
    @Test
    void aFullPoolMakesRawSendersWait() throws Exception {
        Path in = tmp.resolve("in");
        Path src = file("x.pdf", 400_000, 31);
        try (Fixture f = Fixture.start(raw(in), b -> b.concurrency(Concurrency.pool(1, 0)).idleTimeout(Duration.ofSeconds(30)))) {
            List<Socket> held = idle(f, 1, "127.0.0.1");
            Eventually.until(() -> f.server.activeConnections() == 1, "the pool's thread is busy");
            Proc nc = Proc.start(src.toFile(), "nc", "-N", "127.0.0.1", String.valueOf(f.port()));
            Thread.sleep(500); // today's server refuses it within milliseconds
            assertEquals(List.of(), f.of("connection-refused"));
            closeAll(held);
            assertEquals(0, nc.waitFor(Duration.ofSeconds(30)), nc.output());
            f.await("file-received", 1, Duration.ofSeconds(10));
        }
        assertEquals(sha(src), sha(in.resolve("file_1.pdf")));
    }

    /** A framed sender reads answers: at the limit it gets ERROR BUSY, a message of the protocol, not a text line. */
    @Test
    void framedSenderAtTheLimitIsAnsweredBusy() throws Exception {
        Path in = tmp.resolve("in");
        Path src = file("y.bin", 10_000, 41);
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build();
        try (Fixture f = Fixture.start(cfg, b -> b.maxConnections(1))) {
            try (Socket held = Local.socket(f.server)) {
                Eventually.until(() -> f.server.activeConnections() == 1, "the one slot is taken");
                FileTransferException e = assertThrows(FileTransferException.class, () -> f.send(src, SendOptions.defaults()));
                assertEquals(ErrorCode.BUSY, e.code(), e.getMessage());
                assertTrue(e.getMessage().contains("connection limit"), e.getMessage());
            }
            f.awaitIdle(Duration.ofSeconds(5));
            assertTrue(f.send(src, SendOptions.defaults()).allConfirmed(), "served once the slot is free");
        }
    }

    /** Behind a load balancer the per-address limit is on the client's real address: the second upload waits. */
    @Test
    void behindABalancerAClientOverItsLimitWaitsForItsTurn() throws Exception {
        Path in = tmp.resolve("in");
        byte[] second = Fixture.randomBytes(200_000, 51);
        byte[] other = Fixture.randomBytes(100_000, 52);
        try (Fixture f = Fixture.start(raw(in), b -> b.proxyProtocol(io.ftrun.core.ProxyProtocol.V1).maxConnectionsPerAddress(1));
             Socket first = Local.socket(f.server); Socket again = Local.socket(f.server); Socket elsewhere = Local.socket(f.server)) {
            InetSocketAddress dst = ProxyHeaders.address("198.51.100.1", 9999);
            first.getOutputStream().write(ProxyHeaders.v1(ProxyHeaders.address("192.0.2.7", 50001), dst)); // then silence
            f.await("connection-opened", 1, Duration.ofSeconds(10)); // its header is read: 192.0.2.7 has its one slot
            upload(again, ProxyHeaders.v1(ProxyHeaders.address("192.0.2.7", 50002), dst), second);
            upload(elsewhere, ProxyHeaders.v1(ProxyHeaders.address("192.0.2.8", 50003), dst), other);
            Event got = f.await("file-received", 1, Duration.ofSeconds(10)).get(0);
            assertEquals((long) other.length, got.fields().get("bytes"), "another client is served meanwhile");
            assertEquals(List.of(), f.of("connection-refused"));
            first.close();
            f.await("file-received", 2, Duration.ofSeconds(10));
        }
        List<String> names = Fixture.finalFiles(in);
        assertEquals(2, names.size(), names.toString());
        List<Integer> sizes = new ArrayList<>();
        for (String n : names) sizes.add((int) Files.size(in.resolve(n)));
        assertEquals(new TreeMap<>(Map.of(second.length, 1, other.length, 1)).keySet(), new java.util.TreeSet<>(sizes));
    }

    private static void upload(Socket s, byte[] header, byte[] data) throws Exception {
        s.getOutputStream().write(header);
        s.getOutputStream().write(data);
        s.shutdownOutput();
    }

    private static String tutorialClient() throws Exception {
        return new File(AtCapacityTest.class.getResource("tutorial_client.py").toURI()).toString();
    }
}
