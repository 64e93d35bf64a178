package io.ftrun.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real peers for the samples: python3 scripts of the tutorial kind, nc, socat. */
final class Peers {
    private Peers() {
    }

    /** What a finished peer printed, and its exit code. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Copies a python peer from the test resources to {@code dir} and returns its path. */
    static Path python(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = Peers.class.getResourceAsStream("/peers/" + name)) {
            if (in == null) throw new IOException("no peer script " + name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    static Process start(List<String> command, Path stdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdin != null) pb.redirectInput(stdin.toFile());
        return pb.start();
    }

    /** Runs a command to completion within {@code timeout}, feeding {@code stdin} (a file, or null). */
    static Result run(Duration timeout, Path stdin, String... command) throws Exception {
        return finish(start(List.of(command), stdin), timeout);
    }

    static Result finish(Process p, Duration timeout) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread a = copy(p.getInputStream(), out);
        Thread b = copy(p.getErrorStream(), err);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("peer " + p.info().commandLine().orElse("?") + " did not finish within " + timeout);
        }
        a.join(2000);
        b.join(2000);
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread copy(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException ignored) {
                // process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Runs the same command {@code n} times at once and returns every result. */
    static List<Result> runConcurrently(int n, Duration timeout, java.util.function.IntFunction<List<String>> command) throws Exception {
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < n; i++) started.add(start(command.apply(i), null));
        List<Result> results = new ArrayList<>();
        for (Process p : started) results.add(finish(p, timeout));
        return results;
    }
}
