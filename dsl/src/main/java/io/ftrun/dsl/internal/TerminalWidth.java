package io.ftrun.dsl.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The terminal's width in columns, for a progress line that must never wrap: {@code COLUMNS} when it is set (the
 * user's word, also for a terminal that cannot be asked), else what {@code stty size} says of {@code /dev/tty},
 * else 80. Java has no API for it ({@link java.io.Console} has none), and stty is on every Unix; it is asked at
 * the first line drawn, not at start-up (a run that sends nothing pays nothing), and again after the terminal is
 * resized (SIGWINCH), with a timeout so a stuck terminal cannot hold a transfer up.
 */
final class TerminalWidth implements IntSupplier {
    static final int FALLBACK = 80;
    private final String columns;
    private final IntSupplier ask;
    private volatile boolean resized = true;
    private int width;

    TerminalWidth(String columns, IntSupplier ask) {
        this.columns = columns;
        this.ask = ask;
    }

    /** The width of the terminal this process runs in, asked again after each SIGWINCH. */
    static TerminalWidth ofThisTerminal() {
        TerminalWidth w = new TerminalWidth(System.getenv("COLUMNS"), TerminalWidth::stty);
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> w.resized());
        } catch (IllegalArgumentException e) {
            // no SIGWINCH here (Windows): the width stays as first read
        }
        return w;
    }

    void resized() {
        resized = true;
    }

    @Override
    public synchronized int getAsInt() {
        int fixed = parse(columns);
        if (fixed > 0) return fixed;
        if (resized) {
            resized = false;
            int asked = ask.getAsInt();
            width = asked > 0 ? asked : FALLBACK;
        }
        return width;
    }

    /** A positive number of columns, else 0. */
    static int parse(String text) {
        try {
            int n = text == null ? 0 : Integer.parseInt(text.trim());
            return Math.max(n, 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The columns in what {@code stty size} prints ({@code 24 80}), else 0. */
    static int parseStty(String output) {
        String[] rowsAndColumns = output.trim().split("\\s+");
        return rowsAndColumns.length == 2 ? parse(rowsAndColumns[1]) : 0;
    }

    /** Asks the terminal, waiting at most a second; 0 when there is none (no /dev/tty, no stty). */
    private static int stty() {
        Process p = null;
        try {
            p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) return 0;
            return p.exitValue() == 0 ? parseStty(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            if (p != null) p.destroy();
        }
    }
}
