import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A link with latency on loopback, for the benchmark (there is no netem here): listens on 127.0.0.1:LISTEN and
 * forwards each connection to 127.0.0.1:TARGET, holding every chunk back for DELAY_MS in each direction, in order.
 * Bandwidth is not limited; what is in flight is bounded (the reader waits), as a real link's window bounds it.
 *
 *   java bench/DelayProxy.java LISTEN TARGET DELAY_MS
 *
 * Prints "listening" once it accepts connections. Stop it with a signal.
 */
public final class DelayProxy {
    private record Chunk(long due, byte[] bytes) {
    }

    private static final Chunk END = new Chunk(0, new byte[0]);

    public static void main(String[] args) throws IOException {
        int listen = Integer.parseInt(args[0]);
        int target = Integer.parseInt(args[1]);
        long delayNanos = Long.parseLong(args[2]) * 1_000_000L;
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(lo, listen), 1024);
            System.out.println("listening");
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress(lo, target), 5000);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                for (Socket s : new Socket[]{client, upstream}) s.setTcpNoDelay(true);
                AtomicInteger open = new AtomicInteger(2); // directions still running: the pair closes after both
                link(client, upstream, delayNanos, open);
                link(upstream, client, delayNanos, open);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    /** One direction: a reader stamps each chunk with when it may leave, a writer sends it then. */
    private static void link(Socket from, Socket to, long delayNanos, AtomicInteger open) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(4096); // at most 4096 reads of up to 64 KiB in flight
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) queue.put(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buf, n)));
            } catch (IOException | InterruptedException ignored) {
                // the peer left
            }
            try {
                queue.put(new Chunk(System.nanoTime() + delayNanos, END.bytes()));
            } catch (InterruptedException ignored) {
                // stopping
            }
        });
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk c = queue.take();
                    long wait = c.due() - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    if (c.bytes().length == 0) {
                        to.shutdownOutput(); // the FIN travels with the same delay as the data
                        return;
                    }
                    out.write(c.bytes());
                }
            } catch (IOException | InterruptedException e) {
                open.set(1); // a reset or an error: end both directions now
            } finally {
                if (open.decrementAndGet() <= 0) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        });
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }
}
