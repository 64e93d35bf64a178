package io.ftrun.samples;

import io.ftrun.core.event.EventListener;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.SendOptions;
import io.ftrun.core.files.SendReport;
import io.ftrun.core.internal.SocketConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.ftrun.samples.FtrunProcess.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale-out recipe of docs/SCALING.md with real components: HAProxy (mode tcp, send-proxy-v2, HTTP health
 * checks on the receivers' health ports) in front of three {@code ./ftrun samples/scale-out-receiver.groovy}
 * processes that share one directory. Framed uploads (so every client knows which files were confirmed) come
 * through HAProxy from ten loopback addresses, 50 at once; one receiver is killed with SIGKILL halfway.
 * Then: every confirmed file is intact under its sender's path, nothing is stored twice, and the receivers' events
 * name each client's own address and port, not HAProxy's. Loopback only; bounded in time.
 * {@code -Dftrun.scaleout.files=N} changes the number of files (3000 by default).
 */
class HaproxyScaleOutTest {
    private static final int FILES = Integer.getInteger("ftrun.scaleout.files", 3000);
    private static final int AT_ONCE = 50;
    private static final int CLIENT_ADDRESSES = 10;
    private static final Pattern RECEIVED = Pattern.compile("\"type\":\"file-received\".*?\"remote\":\"([^\"]+)\".*?\"name\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    /** One confirmed upload: which file, from which client address, stored under which name. */
    private record Confirmed(int file, String client, String storedName) {
    }

    @Test
    void threeReceiversBehindHaproxySurviveAKilledReceiverWithoutLossCollisionOrLostAddresses() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path outbox = Files.createDirectories(dir.resolve("outbox"));
        Map<Integer, byte[]> digests = new HashMap<>();
        Random random = new Random(8);
        for (int i = 0; i < FILES; i++) {
            byte[] bytes = new byte[256 + random.nextInt(8192)];
            random.nextBytes(bytes);
            Files.write(outbox.resolve("upload-" + i + ".bin"), bytes);
            digests.put(i, sha256(bytes));
        }

        long start = System.nanoTime();
        List<FtrunProcess> receivers = new ArrayList<>();
        Haproxy balancer = null;
        try {
            for (int r = 1; r <= 3; r++) {
                receivers.add(FtrunProcess.start(dir, sample("scale-out-receiver.groovy"), "-Pinstance=rx-" + r,
                        "-Phost=127.0.0.1", "-Pport=0", "-PhealthPort=0", "-Pdir=" + shared, "-Pprotocol=framed",
                        "-Ptrusted=127.0.0.1", "-PdrainFrom=127.0.0.1,::1", "--events", "json", "--events-file", dir.resolve("rx-" + r + ".jsonl").toString()));
            }
            List<int[]> ports = new ArrayList<>();
            for (FtrunProcess r : receivers) ports.add(new int[]{r.port(), Haproxy.healthPort(r)});
            balancer = Haproxy.start(dir, ports);
            int front = balancer.port;
            long ready = System.nanoTime();

            ConcurrentHashMap<Integer, Confirmed> confirmed = new ConcurrentHashMap<>();
            AtomicInteger done = new AtomicInteger();
            AtomicLong failedAttempts = new AtomicLong();
            FtrunProcess victim = receivers.get(1);
            ExecutorService clients = Executors.newFixedThreadPool(AT_ONCE);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                int file = i;
                futures.add(clients.submit(() -> {
                    // A client retries what was not confirmed, as the framed sender's exit code tells it to.
                    for (int attempt = 0; attempt < 5 && !confirmed.containsKey(file); attempt++) {
                        try {
                            upload(front, file, outbox.resolve("upload-" + file + ".bin")).ifPresent(c -> confirmed.put(file, c));
                        } catch (IOException | RuntimeException e) {
                            failedAttempts.incrementAndGet();
                        }
                        if (!confirmed.containsKey(file)) sleep(200);
                    }
                    if (done.incrementAndGet() == FILES / 2) victim.kill(); // SIGKILL halfway, uploads in flight
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get(5, TimeUnit.MINUTES);
            clients.shutdown();
            long uploaded = System.nanoTime();

            // Every file a client was told succeeded is intact under its own path, the name the receiver reported.
            for (Confirmed c : confirmed.values()) {
                assertEquals("upload-" + c.file() + ".bin", c.storedName(), "the sender's path is kept");
                Path stored = shared.resolve(c.storedName());
                assertTrue(Files.isRegularFile(stored), "confirmed file missing: " + c.storedName());
                assertTrue(java.util.Arrays.equals(digests.get(c.file()), sha256(Files.readAllBytes(stored))),
                        "confirmed file damaged or replaced: " + c.storedName() + " (upload " + c.file() + ")");
            }
            assertEquals(FILES, confirmed.size(), "with retries, every upload was confirmed in the end");

            // Nothing stored twice: a file whose receiver died after storing it but before answering is sent again,
            // and found there unchanged (SKIP), by whichever receiver the retry reached.
            List<Path> onDisk;
            try (Stream<Path> s = Files.list(shared)) {
                onDisk = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            }
            assertEquals(FILES, onDisk.size(), "files on disk, no second copies: " + onDisk.size());

            // Client addresses preserved: each receiver's file-received event names the client's own address and
            // source port (127.0.0.2-11), never HAProxy's.
            Map<String, String> remoteByName = new HashMap<>();
            int[] receivedBy = new int[4];
            for (int r = 1; r <= 3; r++) {
                for (String line : Files.readAllLines(dir.resolve("rx-" + r + ".jsonl"))) {
                    Matcher m = RECEIVED.matcher(line);
                    if (m.find()) {
                        remoteByName.put(m.group(2), m.group(1));
                        receivedBy[r]++;
                    }
                }
            }
            int checked = 0;
            for (Confirmed c : confirmed.values()) {
                String remote = remoteByName.get(c.storedName());
                if (remote == null) continue; // stored by the killed receiver before its event was written, or skipped later
                assertEquals(c.client(), remote, "the receiver saw the client, not the balancer, for " + c.storedName());
                checked++;
            }
            assertTrue(checked >= FILES * 9 / 10, "addresses checked for " + checked + " files");
            assertTrue(receivedBy[1] + receivedBy[3] > FILES / 2, "after the kill, the other receivers took over: "
                    + java.util.Arrays.toString(receivedBy));

            // Reaching the health port is not enough to drain: rx-1 lets only 127.0.0.1 (the operator) drain, so
            // a request from 127.0.0.2 (playing any other host; by default all of 127/8 may) is refused and logged.
            int rx1Health = ports.get(0)[1];
            try (Socket s = new Socket()) {
                s.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
                s.connect(new java.net.InetSocketAddress("127.0.0.1", rx1Health));
                s.getOutputStream().write("POST /drain HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.0 403"), answer);
            }
            receivers.get(0).awaitStderr("refused POST /drain from 127.0.0.2", Duration.ofSeconds(10));
            assertTrue(receivers.get(0).isAlive(), "a refused drain leaves the receiver running");

            // A rolling restart's first step: POST /drain makes rx-1's health check fail and the process end by itself.
            try (Socket s = new Socket("127.0.0.1", rx1Health)) {
                s.getOutputStream().write("POST /drain HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("HTTP/1.0 202"), answer);
            }
            assertEquals(0, receivers.get(0).awaitExit(Duration.ofSeconds(30)), "a drained receiver exits with 0");
            assertTrue(receivers.get(0).stderr().contains("drained: every server has stopped"), receivers.get(0).stderr());

            System.out.printf("HAProxy scale-out: %d files (%d attempts failed and were retried), %d on disk, "
                            + "start %.1f s, uploads %.1f s, total %.1f s%n", FILES, failedAttempts.get(), onDisk.size(),
                    (ready - start) / 1e9, (uploaded - ready) / 1e9, (System.nanoTime() - start) / 1e9);
        } finally {
            if (balancer != null) balancer.close();
            for (FtrunProcess r : receivers) r.close();
        }
    }

    /** One framed upload through the balancer, from one of ten loopback addresses; the confirmation, if any. */
    private static java.util.Optional<Confirmed> upload(int front, int file, Path source) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.bind(new InetSocketAddress("127.0.0." + (2 + file % CLIENT_ADDRESSES), 0));
            ch.socket().connect(new InetSocketAddress("127.0.0.1", front), 5000);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
        // Bound to its own 127.0.0.x address, which Client.connect cannot do: the connection is made by hand.
        io.ftrun.core.ConnectionOptions options = io.ftrun.core.ClientConfig.builder().port(front).idleTimeout(Duration.ofSeconds(20))
                .writeTimeout(Duration.ofSeconds(20)).progressInterval(Duration.ZERO).build().options();
        try (SocketConnection conn = new SocketConnection(file, "client", ch, options, EventListener.NONE, true)) {
            SendReport report = FileSender.send(conn, source, SendOptions.defaults());
            SendReport.FileResult r = report.files().get(0);
            if (!r.confirmed()) return java.util.Optional.empty();
            return java.util.Optional.of(new Confirmed(file, local.getAddress().getHostAddress() + ":" + local.getPort(), r.storedName()));
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
