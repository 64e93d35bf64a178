package io.ftrun.samples;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy in the foreground (mode tcp, send-proxy-v2, HTTP checks on the receivers' health ports, as
 * docs/SCALING.md shows) in front of {@code scale-out-receiver.groovy} processes on loopback; stopped by {@link #close()}.
 */
final class Haproxy implements AutoCloseable {
    private static final Pattern HEALTH = Pattern.compile("health endpoint on \\S+:(\\d+)");
    private final Process process;
    private final Path log;
    final int port;

    private Haproxy(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** {@code receivers}: each one's {port, health port}. Returns once HAProxy listens. */
    static Haproxy start(Path dir, List<int[]> receivers) throws Exception {
        int front = freePort();
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 1000
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    retries 3
                    option redispatch
                frontend uploads
                    bind 127.0.0.1:%d
                    default_backend receivers
                backend receivers
                    balance roundrobin
                    option httpchk GET /health
                """.formatted(front));
        for (int i = 0; i < receivers.size(); i++) {
            int[] p = receivers.get(i);
            cfg.append("    server rx-").append(i + 1).append(" 127.0.0.1:").append(p[0])
                    .append(" send-proxy-v2 check port ").append(p[1]).append(" inter 250ms fall 2 rise 2\n");
        }
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), cfg);
        Path log = dir.resolve("haproxy.log");
        Process p = new ProcessBuilder(binary(), "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Haproxy h = new Haproxy(p, log, front);
        h.awaitListening();
        return h;
    }

    /** The health port a receiver logged. */
    static int healthPort(FtrunProcess p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = HEALTH.matcher(p.stderr());
            if (m.find()) return Integer.parseInt(m.group(1));
            Thread.sleep(20);
        }
        throw new AssertionError("no health endpoint; stderr:\n" + p.stderr());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** On the PATH, or in the sbin directories a PATH often lacks: where build/test-peers looks for it too. */
    private static String binary() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "haproxy");
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        throw new AssertionError("haproxy is not installed: apt-get install haproxy (./mvnw -B verify installs it"
                + " where it can, build/test-peers)");
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("haproxy exited:\n" + Files.readString(log));
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("haproxy did not listen on " + port + ":\n" + Files.readString(log));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
