package io.ftrun.core.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Forwards one loopback connection to a target and records the bytes of each direction. */
final class RecordingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    final ByteArrayOutputStream clientToServer = new ByteArrayOutputStream();
    final ByteArrayOutputStream serverToClient = new ByteArrayOutputStream();
    private final Thread acceptor;
    private Thread up;
    private Thread down;

    RecordingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serveOne, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serveOne() {
        try {
            Socket client = listener.accept();
            Socket server = new Socket();
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5000);
            up = pump(client, server, clientToServer);
            down = pump(server, client, serverToClient);
        } catch (IOException ignored) {
            // closed before a client came
        }
    }

    private static Thread pump(Socket from, Socket to, ByteArrayOutputStream record) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (record) {
                        record.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException ignored) {
                // one side went away
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until both directions have ended. */
    void awaitEnd(long millis) throws InterruptedException {
        acceptor.join(millis);
        if (up != null) up.join(millis);
        if (down != null) down.join(millis);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
