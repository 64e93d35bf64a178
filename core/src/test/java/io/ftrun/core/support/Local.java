package io.ftrun.core.support;

import io.ftrun.core.ClientConfig;
import io.ftrun.core.Handler;
import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Loopback-only fixtures: every server and client a test makes lives on 127.0.0.0/8. */
public final class Local {
    private Local() {
    }

    /** A server config on 127.0.0.1, an ephemeral port, and a short shutdown grace so tests end quickly. */
    public static ServerConfig.Builder server(Handler handler) {
        return ServerConfig.builder().host("127.0.0.1").port(0).shutdownGrace(Duration.ofSeconds(2)).handler(handler);
    }

    public static ClientConfig.Builder client(Server server) {
        return ClientConfig.builder().host("127.0.0.1").port(server.port()).idleTimeout(Duration.ofSeconds(10));
    }

    /** A plain socket from {@code localHost} (e.g. 127.0.0.2: Linux answers the whole 127/8 on loopback). */
    public static Socket socket(Server server, String localHost) throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(10_000);
        s.bind(new InetSocketAddress(localHost, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        return s;
    }

    public static Socket socket(Server server) throws IOException {
        return socket(server, "127.0.0.1");
    }

    /** Reads until the peer closes (or {@code max} bytes); a reset after the data counts as the end. */
    public static String readAll(Socket s, int max) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[max];
        int n = 0;
        try {
            int r;
            while (n < max && (r = in.read(buf, n, max - n)) > 0) n += r;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            // the peer closed with unread data: what arrived before the reset is still the answer
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    public static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
