package io.ftrun.core.support;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.handler.Handlers;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child process for {@code AcceptErrorTest}: an echo server whose process runs out of file descriptors, so
 * its accept() fails for real. Protocol on stdout: {@code PORT n}, {@code EXHAUSTED}, one {@code EVENT} line
 * per event, {@code RELEASED}, {@code DONE}. Run it with a low {@code ulimit -n}.
 *
 * <p>Linux reserves the descriptor of a connection before accept() blocks, so a thread already waiting in
 * accept() still takes one more connection; every accept() after that fails with "Too many open files" until
 * descriptors are freed, which this process does after three failures, once the parent says so.
 */
public final class AcceptErrorServer {
    private AcceptErrorServer() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch acceptFailures = new CountDownLatch(3);
        CountDownLatch warmedUp = new CountDownLatch(1);
        CountDownLatch served = new CountDownLatch(3); // the warm-up connection, then the parent's two
        EventListener out = e -> {
            if (e instanceof Events.Problem && ((Events.Problem) e).phase().equals("accept")) acceptFailures.countDown();
            if (e instanceof Events.ConnectionClosed) {
                warmedUp.countDown();
                served.countDown();
            }
            System.out.println("EVENT " + e.type() + " " + e.fields());
        };
        Server server = Server.start(ServerConfig.builder().host("127.0.0.1").codec(Codecs.lines())
                .concurrency(io.ftrun.core.Concurrency.threads()).handler(Handlers.echo()).listener(out).build());
        // Loading a class from a directory opens a file; from a jar (as in production) it does not. Load what
        // the accept and serve paths need while descriptors are still free.
        try (Connection c = Client.connect(ClientConfig.builder().port(server.port()).codec(Codecs.lines()).build())) {
            c.send("warm-up");
            c.receive();
        }
        Events.error("warm-up", "accept", "preloading the error event class").fields();
        warmedUp.await(10, TimeUnit.SECONDS); // its descriptors are free again before the hoarding starts
        System.out.println("PORT " + server.port());

        // Take every descriptor, then keep taking those that other threads of this JVM free a moment later (a
        // thread finishing its connection, a class file being read): one freed after the count would let accept()
        // take the parent's second client at once, which then never waits and no accept fails (seen in CI).
        System.out.println("FDS " + openDescriptors()); // shown if the test fails: what else this JVM held
        List<Closeable> hoard = new ArrayList<>();
        for (int quietRounds = 0; quietRounds < 3; ) {
            int before = hoard.size();
            hoard(hoard);
            quietRounds = hoard.size() == before ? quietRounds + 1 : 0;
            Thread.sleep(100);
        }
        System.out.println("EXHAUSTED " + hoard.size());
        boolean failed = acceptFailures.await(30, TimeUnit.SECONDS);
        // The parent creates this file once its second client is connected and waiting in the kernel's queue.
        Path release = Path.of(args[0]);
        for (int i = 0; i < 3000 && !Files.exists(release); i++) Thread.sleep(10);
        for (Closeable c : hoard) c.close();
        System.out.println("RELEASED " + failed);
        boolean ok = served.await(30, TimeUnit.SECONDS);
        server.shutdown(Duration.ZERO).get(10, TimeUnit.SECONDS);
        System.out.println("DONE " + ok);
        System.exit(ok && failed ? 0 : 1);
    }

    /** This process's descriptors and what they are (sockets, files), read from /proc. */
    private static String openDescriptors() throws IOException {
        StringBuilder out = new StringBuilder();
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.sorted().toList()) {
                try {
                    out.append(fd.getFileName()).append('=').append(Files.readSymbolicLink(fd)).append(' ');
                } catch (IOException gone) {
                    out.append(fd.getFileName()).append("=? ");
                }
            }
        }
        return out.toString().trim();
    }

    /** Opens /dev/null until the process has no descriptor left. */
    private static void hoard(List<Closeable> hoard) {
        try {
            while (hoard.size() < 100_000) hoard.add(new FileInputStream("/dev/null"));
        } catch (IOException tooManyOpenFiles) {
            // every descriptor is taken: the next accept() fails
        }
    }
}
