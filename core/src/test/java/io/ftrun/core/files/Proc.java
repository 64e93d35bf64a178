package io.ftrun.core.files;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real peers (python3, nc) as child processes, always bounded in time. */
final class Proc {
    final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private Proc(List<String> command, File stdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (stdin != null) pb.redirectInput(stdin);
        this.process = pb.start();
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(l);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "proc-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static Proc start(File stdin, String... command) throws IOException {
        return new Proc(List.of(command), stdin);
    }

    static Proc start(String... command) throws IOException {
        return new Proc(List.of(command), null);
    }

    /** Path of the python test client (a test resource). */
    static String pythonClient() {
        try {
            return Path.of(Proc.class.getResource("ftrun_send.py").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for exit (killing the process at the timeout) and returns the exit code. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("process did not finish within " + timeout + ": " + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** Waits until an output line starts with {@code prefix} and satisfies {@code test}; false at the timeout. */
    boolean awaitLine(java.util.function.Predicate<String> test, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String l : lines) if (test.test(l)) return true;
                long left = end - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) return false;
                lines.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** SIGKILL: the process gets no chance to close anything itself. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    String output() {
        return String.join("\n", lines());
    }
}
