package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.event.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A receiver on 127.0.0.1 (port 0) with its events recorded. Loopback only, always. */
final class Fixture implements AutoCloseable {
    final Server server;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final Path dir;

    private Fixture(FileReceiverConfig config, Duration idleTimeout) throws IOException {
        this(config, b -> b.idleTimeout(idleTimeout));
    }

    private Fixture(FileReceiverConfig config, UnaryOperator<ServerConfig.Builder> server) throws IOException {
        this.dir = config.directory();
        this.server = Server.start(server.apply(ServerConfig.builder().name("receiver").host("127.0.0.1").port(0)
                .idleTimeout(Duration.ofSeconds(20)).shutdownGrace(Duration.ofSeconds(2))
                .handler(FileReceiver.handler(config)).listener(events::add)).build());
    }

    /** A receiver whose server settings (limits, concurrency, timeouts) the test adjusts. */
    static Fixture start(FileReceiverConfig config, UnaryOperator<ServerConfig.Builder> server) throws IOException {
        return new Fixture(config, server);
    }

    static Fixture start(FileReceiverConfig config) throws IOException {
        return new Fixture(config, Duration.ofSeconds(20));
    }

    static Fixture start(FileReceiverConfig config, Duration idleTimeout) throws IOException {
        return new Fixture(config, idleTimeout);
    }

    int port() {
        return server.port();
    }

    Connection connect() throws IOException {
        return Client.connect(ClientConfig.builder().name("sender").host("127.0.0.1").port(port())
                .idleTimeout(Duration.ofSeconds(20)).build());
    }

    /** Sends with the framed protocol on a fresh connection. */
    SendReport send(Path fileOrDir, SendOptions options) throws IOException {
        try (Connection c = connect()) {
            return FileSender.send(c, fileOrDir, options);
        }
    }

    /** Waits until {@code n} events of {@code type} were seen (the handler may still be finishing). */
    List<Event> await(String type, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Event> got = of(type);
            if (got.size() >= n || System.nanoTime() > end) return got;
            Thread.sleep(10);
        }
    }

    List<Event> of(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** Waits until every connection has been handled, so the directory is in its final state. */
    void awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (server.activeConnections() > 0 && System.nanoTime() < end) Thread.sleep(10);
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- file helpers

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * Regular files under {@code dir}, relative, '/'-separated, sorted; hidden ftrun temporaries included, but not
     * the commit lock file every receiver keeps in its directory.
     */
    static List<String> listFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(CommitLock.FILE))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Final names only: what a user would see as received files. */
    static List<String> finalFiles(Path dir) throws IOException {
        return listFiles(dir).stream().filter(n -> !n.startsWith(SafeNames.RESERVED_PREFIX)).toList();
    }

    /** The first temporary to appear in {@code dir} (a receiver makes it when a file's data begins), within 5 s. */
    static String awaitTemporary(Path dir, String prefix) throws IOException, InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            for (String t : temporaries(dir)) if (t.startsWith(prefix)) return t;
            Thread.sleep(5);
        }
        throw new AssertionError("no temporary " + prefix + "* appeared in " + dir + ": " + listFiles(dir));
    }

    static List<String> temporaries(Path dir) throws IOException {
        return listFiles(dir).stream().filter(n -> n.startsWith(SafeNames.RESERVED_PREFIX)).toList();
    }
}
