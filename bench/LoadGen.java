import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's load generator: the same clients for every server, so the servers are what differs. Plain
 * blocking sockets, one platform thread per client; prints one JSON line with what it measured.
 *
 * <pre>
 *   java LoadGen.java upload PORT CLIENTS BYTES        each client sends BYTES (its own pattern), half-closes,
 *                                                     and waits for the server to close
 *   java LoadGen.java echo   PORT CLIENTS ROUNDS SIZE  each client does ROUNDS round trips of SIZE bytes
 *   java LoadGen.java idle   PORT CONNECTIONS SECONDS  opens CONNECTIONS, holds them, then one round trip on each
 * </pre>
 *
 * Upload content: client {@code i} sends the 8-byte big-endian number {@code i} over and over, so the driver can
 * tell every received file's sender and check every byte (see {@code expected(i, size)} in run.py).
 * Everything talks to 127.0.0.1 only and ends by itself: every socket has a read timeout.
 */
public final class LoadGen {
    private static final String HOST = "127.0.0.1";
    private static final int TIMEOUT_MS = 120_000;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "upload" -> upload(port, Integer.parseInt(args[2]), Long.parseLong(args[3]));
            case "echo" -> echo(port, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "idle" -> idle(port, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static SocketChannel connect(int port) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.connect(new InetSocketAddress(HOST, port));
        ch.socket().setSoTimeout(TIMEOUT_MS);
        return ch;
    }

    /** Runs {@code clients} copies of {@code body} at once, each on its own thread; returns the seconds they took. */
    private static double together(int clients, Client body, AtomicInteger failures, AtomicReference<String> firstError)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int index = i;
            Thread t = new Thread(null, () -> {
                ready.countDown();
                try {
                    go.await();
                    body.run(index);
                } catch (Throwable e) {
                    failures.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                }
            }, "client-" + i, 256 * 1024);
            t.start();
            threads.add(t);
        }
        ready.await();
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : threads) t.join();
        return (System.nanoTime() - t0) / 1e9;
    }

    interface Client {
        void run(int index) throws Exception;
    }

    private static void upload(int port, int clients, long bytes) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> error = new AtomicReference<>();
        double seconds = together(clients, i -> {
            ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
            while (chunk.hasRemaining()) chunk.putLong(i);
            try (SocketChannel ch = connect(port)) {
                long left = bytes;
                while (left > 0) {
                    chunk.clear().limit((int) Math.min(chunk.capacity(), left));
                    while (chunk.hasRemaining()) left -= ch.write(chunk);
                }
                ch.shutdownOutput();
                // the server closes once it has the whole file (ftrun: stored under its final name)
                byte[] sink = new byte[256];
                while (ch.socket().getInputStream().read(sink) >= 0) {
                    // a refusal line or nothing at all
                }
            }
        }, failures, error);
        System.out.printf("{\"seconds\": %.4f, \"clients\": %d, \"bytes\": %d, \"failures\": %d, \"error\": %s}%n",
                seconds, clients, bytes * clients, failures.get(), json(error.get()));
    }

    private static void echo(int port, int clients, int rounds, int size) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> error = new AtomicReference<>();
        long[][] latencies = new long[clients][];
        // connect first, so the measured time is round trips only
        SocketChannel[] channels = new SocketChannel[clients];
        for (int i = 0; i < clients; i++) channels[i] = connect(port);
        double seconds = together(clients, i -> {
            SocketChannel ch = channels[i];
            ByteBuffer out = ByteBuffer.allocateDirect(size);
            long[] lat = new long[rounds];
            var input = ch.socket().getInputStream();
            byte[] back = new byte[size];
            for (int r = 0; r < rounds; r++) {
                out.clear();
                while (out.hasRemaining()) out.put((byte) (r + i));
                out.flip();
                long t0 = System.nanoTime();
                while (out.hasRemaining()) ch.write(out);
                int got = 0;
                while (got < size) {
                    int n = input.read(back, got, size - got);
                    if (n < 0) throw new IOException("server closed after " + r + " round trips");
                    got += n;
                }
                lat[r] = System.nanoTime() - t0;
                if (back[0] != (byte) (r + i) || back[size - 1] != (byte) (r + i)) throw new IOException("wrong echo");
            }
            latencies[i] = lat;
        }, failures, error);
        for (SocketChannel ch : channels) ch.close();
        long[] all = Arrays.stream(latencies).filter(a -> a != null).flatMapToLong(Arrays::stream).sorted().toArray();
        long done = all.length;
        System.out.printf("{\"seconds\": %.4f, \"round_trips\": %d, \"per_second\": %.1f, \"p50_us\": %.1f, \"p99_us\": %.1f,"
                        + " \"failures\": %d, \"error\": %s}%n",
                seconds, done, done / seconds, percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3, failures.get(),
                json(error.get()));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    /** Opens the connections one after another, says so on stdout, holds them, then checks each still echoes. */
    private static void idle(int port, int connections, int holdSeconds) throws Exception {
        List<SocketChannel> open = new ArrayList<>();
        int failures = 0;
        String error = null;
        long t0 = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            try {
                open.add(connect(port));
            } catch (IOException e) {
                failures++;
                if (error == null) error = e.toString();
            }
        }
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("{\"opened\": %d, \"open_seconds\": %.2f}%n", open.size(), openSeconds);
        System.out.flush();
        TimeUnit.SECONDS.sleep(holdSeconds);
        int alive = 0;
        ByteBuffer one = ByteBuffer.allocate(1);
        byte[] back = new byte[1];
        for (SocketChannel ch : open) {
            try {
                one.clear().put((byte) 42).flip();
                ch.write(one);
                if (ch.socket().getInputStream().read(back) == 1 && back[0] == 42) alive++;
                else failures++;
            } catch (IOException e) {
                failures++;
                if (error == null) error = e.toString();
            }
        }
        for (SocketChannel ch : open) ch.close();
        System.out.printf("{\"opened\": %d, \"alive_after_hold\": %d, \"failures\": %d, \"error\": %s}%n",
                open.size(), alive, failures, json(error));
    }

    private static String json(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
