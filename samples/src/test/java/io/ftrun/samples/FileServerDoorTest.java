package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.ftrun.samples.FtrunProcess.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * samples/file-server.groovy as one would put it on a network: a crowd of idle or silent peers from one machine
 * neither loses the uploads that come after them nor keeps another machine's client out.
 */
class FileServerDoorTest {
    private static final Duration PEER = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path file(String name, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }

    private static Socket idle(int port, String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    private static Set<String> digests(List<Path> files) throws Exception {
        Set<String> s = new TreeSet<>();
        for (Path p : files) s.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        return s;
    }

    private static List<Path> stored(Path inbox) throws IOException {
        if (!Files.isDirectory(inbox)) return List.of();
        try (Stream<Path> s = Files.list(inbox)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().collect(Collectors.toList());
        }
    }

    private static void awaitStored(Path inbox, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (stored(inbox).size() < n) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("only " + stored(inbox) + " stored");
            Thread.sleep(20);
        }
    }

    /** The measurement: 20 idle connections, then nc (100 KB and 5 MB) and the tutorial's python client. */
    @Test
    void uploadsBehindTwentyIdleConnectionsWaitAndAreStored() throws Exception {
        Path inbox = dir.resolve("received");
        List<Path> files = List.of(file("a.pdf", 100_000), file("b.pdf", 5_000_000), file("c.pdf", 100_000));
        Path client = Peers.python("send_file.py", dir);
        try (FtrunProcess server = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=received")) {
            int port = server.port();
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < 20; i++) held.add(idle(port, "127.0.0.1"));
            List<Process> senders = List.of(
                    Peers.start(List.of("nc", "-N", "127.0.0.1", String.valueOf(port)), files.get(0)),
                    Peers.start(List.of("nc", "-N", "127.0.0.1", String.valueOf(port)), files.get(1)),
                    Peers.start(List.of("python3", client.toString(), "127.0.0.1", String.valueOf(port), files.get(2).toString()), null));
            Thread.sleep(1000); // the old sample refused all three within milliseconds, and each exited 0
            assertEquals(List.of(), stored(inbox), "nothing is served while the 20 slots are held");
            for (Socket s : held) s.close();
            for (Process p : senders) {
                Peers.Result r = Peers.finish(p, PEER);
                assertEquals(0, r.exitCode(), r.stderr());
            }
            awaitStored(inbox, 3);
            server.terminate();
        }
        assertEquals(digests(files), digests(stored(inbox)), "all three files, intact");
    }

    /** The bar: 300 silent peers from one address; a client from another is served within a second. */
    @Test
    void threeHundredSilentPeersDoNotKeepAnotherMachineOut() throws Exception {
        Path inbox = dir.resolve("received");
        Path good = file("good.pdf", 200_000);
        try (FtrunProcess server = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=received")) {
            int port = server.port();
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) silent.add(idle(port, "127.0.0.1"));
                long t0 = System.nanoTime();
                Peers.Result r = Peers.run(PEER, good, "nc", "-N", "-s", "127.0.0.2", "127.0.0.1", String.valueOf(port));
                assertEquals(0, r.exitCode(), r.stderr());
                awaitStored(inbox, 1);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(millis < 1000, "the good client was served in " + millis + " ms");
            } finally {
                for (Socket s : silent) s.close();
            }
            server.terminate();
        }
        assertEquals(digests(List.of(good)), digests(stored(inbox)));
    }

    /** The framed sample: 30 peers trickling a HELLO a byte at a time are cut off by the 5 s header deadline. */
    @Test
    void tricklingHellosAreCutOffAndAFramedClientGetsIn() throws Exception {
        Path inbox = dir.resolve("received");
        Path good = file("good.bin", 300_000);
        try (FtrunProcess server = FtrunProcess.start(dir, sample("file-server.groovy"), "-Pport=0", "-Pdir=received", "-Pprotocol=framed")) {
            int port = server.port();
            List<Socket> tricklers = new ArrayList<>();
            byte[] halfHello = {0x01, 0x00, 0x00, 0x00, 0x08, 'F', 'T'};
            for (int i = 0; i < 30; i++) {
                Socket s = idle(port, "127.0.0.1");
                s.getOutputStream().write(halfHello);
                tricklers.add(s);
            }
            long t0 = System.nanoTime();
            // a byte now and then, well inside the 30 s idle timeout: the old sample kept all 30 for as long as they liked
            int alive = tricklers.size();
            while (alive > 0 && System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos()) {
                Thread.sleep(1000);
                alive = 0;
                for (Socket s : tricklers) if (stillWrites(s)) alive++;
            }
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertEquals(0, alive, "every trickler is cut off");
            assertTrue(seconds <= 10, "cut off after " + seconds + " s (header deadline 5 s)");
            FtrunProcess c = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("file-client.groovy"),
                    "-Phost=127.0.0.1", "-Pport=" + port, "-Pfile=" + good, "-Pprotocol=framed");
            assertEquals(0, c.exitCode(), c.stderr());
            for (Socket s : tricklers) s.close();
            server.terminate();
        }
        assertEquals(digests(List.of(good)), digests(stored(inbox)));
    }

    /** One more byte; false once the receiver has closed (the second write after a close fails with a reset). */
    private static boolean stillWrites(Socket s) {
        try {
            OutputStream out = s.getOutputStream();
            out.write('T');
            out.flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }
}
