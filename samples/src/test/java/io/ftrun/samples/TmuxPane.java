package io.ftrun.samples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real terminal for a test: a shell in a detached tmux session of a given size, on a tmux server of its own (its
 * socket in the test's directory), typed into with send-keys and read with capture-pane, as a person sees it.
 */
final class TmuxPane implements AutoCloseable {
    private static final Duration T = Duration.ofSeconds(30);
    private final String socket;

    private TmuxPane(Path dir) {
        this.socket = dir.resolve("tmux.sock").toString();
    }

    /** A bash with the prompt {@code $ } in {@code dir}, in a pane of {@code columns} x {@code rows}. */
    static TmuxPane start(Path dir, int columns, int rows) throws Exception {
        TmuxPane pane = new TmuxPane(dir);
        pane.tmux("new-session", "-d", "-x", String.valueOf(columns), "-y", String.valueOf(rows), "-c", dir.toString(),
                "env -u COLUMNS PS1='$ ' bash --norc --noprofile");
        return pane;
    }

    /** Types {@code line} and Enter. */
    void type(String line) throws Exception {
        tmux("send-keys", "-l", line);
        tmux("send-keys", "Enter");
    }

    /** Presses Ctrl-C. */
    void interrupt() throws Exception {
        tmux("send-keys", "C-c");
    }

    /** The screen's lines, a line the terminal wrapped joined again (-J), without trailing blanks. */
    List<String> lines() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : tmux("capture-pane", "-p", "-J").split("\n", -1)) lines.add(l.stripTrailing());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return lines;
    }

    /** Polls the screen until {@code wanted} holds, every 50 ms; fails after 60 s (the first ./ftrun may build), showing the screen. */
    List<String> await(String what, Predicate<List<String>> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<String> lines = lines();
            if (wanted.test(lines)) return lines;
            if (System.nanoTime() > deadline) throw new AssertionError("the terminal never showed " + what + ":\n" + String.join("\n", lines));
            Thread.sleep(50);
        }
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket));
        command.addAll(Arrays.asList(args));
        Peers.Result r = Peers.run(T, null, command.toArray(new String[0]));
        if (r.exitCode() != 0) throw new AssertionError(command + " failed: " + r.stderr());
        return r.stdout();
    }

    @Override
    public void close() throws Exception {
        Peers.run(T, null, "tmux", "-S", socket, "kill-server");
    }
}
