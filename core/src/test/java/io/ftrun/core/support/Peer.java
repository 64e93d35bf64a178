package io.ftrun.core.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real peer in another process (python3, nc, socat, a child JVM), started with a deadline, its stdout and
 * stderr captured. One utility for every external peer so each test states only what it sends and expects.
 */
public final class Peer implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final Duration timeout;
    private final long deadline;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread outPump;
    private final Thread errPump;

    /** What a finished peer left behind. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private Peer(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.process = new ProcessBuilder(command).start();
        this.outPump = pump(process.getInputStream(), out, lines, "out");
        this.errPump = pump(process.getErrorStream(), err, null, "err");
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) in.write(stdin);
        } catch (IOException ignored) {
            // the peer exited before reading its input; its output will tell why
        }
    }

    /** Starts {@code command} with {@code stdin} (null: none; stdin is closed either way). */
    public static Peer start(Duration timeout, String stdin, String... command) throws IOException {
        return new Peer(List.of(command), stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /** Runs one of the scripts in {@code src/test/resources/peers} with python3. */
    public static Peer python(Duration timeout, String stdin, String script, Object... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-u", resource("peers/" + script).toString()));
        for (Object a : args) cmd.add(String.valueOf(a));
        return new Peer(cmd, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /** Runs a command through {@code bash -c}, for peers that need a shell (ulimit). */
    public static Peer bash(Duration timeout, String script) throws IOException {
        return new Peer(List.of("bash", "-c", script), null, timeout);
    }

    public static Path resource(String name) {
        URL url = Peer.class.getClassLoader().getResource(name);
        if (url == null) throw new IllegalArgumentException("no test resource " + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a stream exactly into {@code all}, and each complete (or final partial) line into {@code lines}. */
    private static Thread pump(InputStream in, StringBuffer all, BlockingQueue<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringBuilder line = new StringBuilder();
                char[] buf = new char[4096];
                int n;
                while ((n = r.read(buf)) > 0) {
                    all.append(buf, 0, n);
                    for (int i = 0; i < n; i++) {
                        if (buf[i] != '\n') {
                            line.append(buf[i]);
                        } else if (lines != null) {
                            lines.add(line.toString());
                            line.setLength(0);
                        }
                    }
                }
                if (lines != null && line.length() > 0) lines.add(line.toString());
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "peer-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for the next stdout line matching {@code p} (skipping others), within the peer's deadline. */
    public String awaitLine(Predicate<String> p) throws InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("no matching line from " + this + " within " + timeout.toMillis() + " ms" + report());
            if (p.test(line)) return line;
        }
    }

    /** Waits for the peer to exit within its deadline; kills it and fails the test otherwise. */
    public Result await() throws InterruptedException {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            outPump.join(2000);
            errPump.join(2000);
            throw new AssertionError(this + " still running after " + timeout.toMillis() + " ms" + report());
        }
        outPump.join(5000);
        errPump.join(5000);
        return new Result(process.exitValue(), out.toString(), err.toString());
    }

    /** Like {@link #await()}, and also fails unless the peer exited with status 0. */
    public Result awaitSuccess() throws InterruptedException {
        Result r = await();
        if (r.exitCode() != 0) throw new AssertionError(this + " exited with " + r.exitCode() + report());
        return r;
    }

    private String report() {
        return "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return "peer " + command;
    }
}
