package io.ftrun.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code ./ftrun} from the repository root as a user would, in a child process, capturing its output.
 * Servers are started with {@code -Pport=0}; the port is read from the "listening on" line.
 */
final class FtrunProcess implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("ftrun.root", "..")).toAbsolutePath().normalize();
    private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+)");

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<Thread> pumps = new ArrayList<>();

    private FtrunProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), out, false));
        pumps.add(pump(process.getErrorStream(), err, true));
    }

    /** Starts {@code ./ftrun args...} in {@code workDir}. */
    static FtrunProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, Map.of(), args);
    }

    /** Starts {@code ./ftrun args...} in {@code workDir} with {@code env} added to the environment (an empty value removes the variable). */
    static FtrunProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        // Start as a terminal user would: a process started in the background (CI, `cmd &`) inherits SIGINT
        // ignored, and the JVM then leaves it ignored, so Ctrl-C could not be tested. Python can reset it.
        cmd.addAll(List.of("python3", "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                + "os.execvp(sys.argv[1], sys.argv[1:])"));
        cmd.add(ROOT.resolve("ftrun").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("FTRUN_CACHE", ROOT.resolve("samples/target/ftrun-cache").toString());
        // the build's class-data archive, but no script's own: the suite runs most scripts twice or more, and each
        // second run would dump an archive at exit (~1 s). LauncherArchivesTest covers the per-script archives.
        pb.environment().put("FTRUN_CDS", "general");
        env.forEach((k, v) -> {
            if (v.isEmpty()) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        return new FtrunProcess(pb.start());
    }

    /** Runs {@code ./ftrun args...} to completion (at most {@code timeout}) and returns the finished process. */
    static FtrunProcess run(Path workDir, Duration timeout, String... args) throws Exception {
        return run(workDir, timeout, Map.of(), args);
    }

    /** Like {@link #run(Path, Duration, String...)}, with {@code env} added to the environment. */
    static FtrunProcess run(Path workDir, Duration timeout, Map<String, String> env, String... args) throws Exception {
        FtrunProcess p = start(workDir, env, args);
        p.awaitExit(timeout);
        return p;
    }

    static String sample(String name) {
        return ROOT.resolve("samples").resolve(name).toString();
    }

    private Thread pump(InputStream in, StringBuffer sink, boolean watchPort) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.append(line).append('\n');
                    if (watchPort) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "ftrun-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The port the (first) server listens on; fails if it does not start within 60 s (the first run builds). */
    int port() throws Exception {
        try {
            return port.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("ftrun did not start a server; stderr:\n" + err + "\nstdout:\n" + out);
        }
    }

    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ftrun did not exit within " + timeout + "; stderr:\n" + err + "\nstdout:\n" + out);
        }
        for (Thread t : pumps) t.join(2000);
        return process.exitValue();
    }

    /**
     * Sends SIGTERM (a graceful stop) and returns the exit code. Not {@link Process#destroy()}: it also closes
     * our ends of the child's pipes, losing what it prints while it shuts down.
     */
    int terminate() throws Exception {
        signal("TERM");
        return awaitExit(Duration.ofSeconds(30));
    }

    /** Kills the process with SIGKILL: no shutdown hook, no drain, buffers lost (a crashed machine, an OOM kill). */
    void kill() {
        process.destroyForcibly();
    }

    /** Sends SIGINT, as Ctrl-C does. */
    void interrupt() throws Exception {
        signal("INT");
    }

    void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until stderr holds {@code text}; fails after {@code timeout}, showing what it holds. */
    void awaitStderr(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!err.toString().contains(text)) {
            if (System.nanoTime() > deadline) throw new AssertionError("stderr never said '" + text + "':\n" + err);
            Thread.sleep(20);
        }
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() {
        return out.toString();
    }

    String stderr() {
        return err.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }
}
