package io.ftrun.core.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.List;

/**
 * Forwards connections to {@code target} on loopback and breaks the first one after {@code limit} bytes from the
 * client: with a reset both ways (a receiver killed), or gracefully (the receiver sees the end of the stream,
 * answers what it got whole, and its answers reach the client before the end; what the client still sends is
 * dropped). Connections after the first are forwarded whole, as a balancer sends a reconnecting client on.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    private volatile int target;
    /** Cut what the server sends (a download) instead of what the client sends. */
    private final boolean downstream;

    public CuttingProxy(int target, long limit) throws IOException {
        this(target, limit, false);
    }

    public CuttingProxy(int target, long limit, boolean graceful) throws IOException {
        this(target, limit, graceful, false);
    }

    /** A proxy that resets its first connection once the server has sent {@code limit} bytes through it. */
    public static CuttingProxy downstream(int target, long limit) throws IOException {
        return new CuttingProxy(target, limit, false, true);
    }

    private CuttingProxy(int target, long limit, boolean graceful, boolean downstream) throws IOException {
        this.target = target;
        this.downstream = downstream;
        Thread t = new Thread(() -> {
            boolean first = true;
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    long cut = first ? limit : Long.MAX_VALUE;
                    first = false;
                    Thread one = new Thread(() -> forward(client, cut, graceful), "cutting-proxy-conn");
                    one.setDaemon(true);
                    one.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "cutting-proxy");
        t.setDaemon(true);
        t.start();
    }

    private void forward(Socket client, long limit, boolean graceful) {
        try (client; Socket server = new Socket()) {
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5000);
            if (downstream && limit != Long.MAX_VALUE) {
                Thread up = new Thread(() -> pump(client, server, Long.MAX_VALUE));
                up.setDaemon(true);
                up.start();
                pump(server, client, limit);
                for (Socket s : List.of(client, server)) s.setOption(StandardSocketOptions.SO_LINGER, 0); // a reset
                return;
            }
            Thread down = new Thread(() -> pump(server, client, Long.MAX_VALUE));
            down.setDaemon(true);
            down.start();
            pump(client, server, limit);
            if (limit == Long.MAX_VALUE) { // whole: the client ended its side; let the answers finish
                server.shutdownOutput();
                down.join(10_000);
                return;
            }
            if (graceful) {
                server.shutdownOutput();
                Thread drop = new Thread(() -> pump(client, OutputStream.nullOutputStream(), Long.MAX_VALUE));
                drop.setDaemon(true);
                drop.start();
                down.join(10_000); // every answer the receiver gives, then its end
                client.shutdownOutput();
                drop.join(10_000);
                return;
            }
            for (Socket s : List.of(client, server)) s.setOption(StandardSocketOptions.SO_LINGER, 0); // a reset
        } catch (IOException | InterruptedException ignored) {
            // the test sees the outcome on both ends
        }
    }

    private static void pump(Socket from, Socket to, long limit) {
        try {
            pump(from, to.getOutputStream(), limit);
        } catch (IOException ignored) {
            // cut
        }
    }

    private static void pump(Socket from, OutputStream out, long limit) {
        byte[] buf = new byte[8192];
        long moved = 0;
        try {
            InputStream in = from.getInputStream();
            while (moved < limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit - moved));
                if (n < 0) return;
                out.write(buf, 0, n);
                moved += n;
            }
        } catch (IOException ignored) {
            // cut
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections from now on go to {@code port}: a receiver that came back elsewhere, as a balancer would send them. */
    public void retarget(int port) {
        this.target = port;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
