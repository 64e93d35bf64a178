package io.ftrun.dsl.internal;

import io.ftrun.core.Units;
import io.ftrun.core.files.FileEvents;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Shows upload progress: one line redrawn in place on a terminal, plain lines otherwise (logs, CI, pipes), where a
 * file's end is left to its "sent" line (5000 small files once made 5000 "sending ...: 100%" lines besides).
 *
 * <p>On a terminal there is only ever one progress line, whatever runs at once: the file's bar while one transfer
 * is under way, and with several ({@code clients(3)}, several clients) their sum, {@code 3 transfers, 12.4 MiB of
 * 40.0 MiB, 31.0 MiB/s, ETA 2s}, where the ETA is the longest of theirs. One line rather than a line per transfer
 * redrawn with cursor movements: it is always the terminal's last line, so a log line, a terminal too small for n
 * lines, a resize or a Ctrl-C cannot leave stale lines behind, and it reads the same for 3 clients or 300. The line
 * is fitted to the terminal's width ({@link TerminalWidth}), a long name shortened in its middle ({@link #line}), and leaves the
 * last columns free for the {@code ^C} the terminal echoes, so it never wraps; it is drawn only between whole
 * lines of other text ({@link #text}), and erased when nothing is under way (a finished file has its "sent" line).
 */
final class ProgressDisplay {
    /** Columns kept free at the end: the terminal's last one, and two for the {@code ^C} it echoes on Ctrl-C. */
    static final int MARGIN = 3;
    private static final String ERASE = "\r\u001b[K";
    private final PrintStream out;
    private final boolean terminal;
    private final boolean enabled;
    /** How a plain line starts, as the log's do (with the time, under --timestamps). */
    private final Supplier<String> lineStart;
    private final IntSupplier width;
    /** The transfers under way, by connection (one file at a time on each), in the order they began. */
    private final Map<String, FileEvents.TransferProgress> inFlight = new LinkedHashMap<>();
    private String last;
    /** The progress line on the screen, or null. */
    private String drawn;
    /** Other text has begun a line and not ended it: no progress line until it has. */
    private boolean midLine;

    ProgressDisplay(PrintStream out, boolean terminal, boolean enabled) {
        this(out, terminal, enabled, () -> "ftrun: ", () -> TerminalWidth.FALLBACK);
    }

    ProgressDisplay(PrintStream out, boolean terminal, boolean enabled, Supplier<String> lineStart, IntSupplier width) {
        this.out = out;
        this.terminal = terminal;
        this.enabled = enabled;
        this.lineStart = lineStart;
        this.width = width;
    }

    /**
     * Whether standard error, where the line is drawn, is a terminal. On Linux, what file descriptor 2 is
     * ({@code /dev/pts/3}, not {@code pipe:[…]} or a file: {@code 2>send.log} gets plain lines); elsewhere a console,
     * as far as Java can tell (on JDK 17-21, stdin and stdout are terminals; on 22+, a real terminal).
     */
    static boolean isTerminal() {
        try {
            String fd2 = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return fd2.startsWith("/dev/pts/") || fd2.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            // no /proc: ask the console
        }
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: System.console() is only non-null on a terminal
        }
    }

    synchronized void update(FileEvents.TransferProgress p) {
        if (!enabled || !"send".equals(p.direction())) return;
        String key = p.connectionId() + "/" + p.name() + "/" + p.bytes();
        if (key.equals(last)) return; // the end of a file may be reported by more than one step
        last = key;
        boolean finished = p.total() >= 0 && p.bytes() >= p.total();
        if (finished) inFlight.remove(transfer(p.owner(), p.connectionId()));
        else inFlight.put(transfer(p.owner(), p.connectionId()), p);
        if (terminal) draw();
        else if (!finished) out.println(lineStart.get() + "sending " + p.name() + ": " + (p.percent() < 0 ? "" : Math.round(p.percent()) + "%, ")
                + size(p.bytes(), p.total()) + " (" + rate(p.bytesPerSecond()) + eta(p.eta()) + ")");
    }

    /** A file's outcome is known ({@code name} as the events give it): it is no longer under way. */
    synchronized void ended(String owner, long connectionId, String name) {
        FileEvents.TransferProgress p = inFlight.get(transfer(owner, connectionId));
        if (p != null && p.name().equals(name)) {
            inFlight.remove(transfer(owner, connectionId));
            if (terminal) draw();
        }
    }

    /** The connection closed: the transfer it cut short (how far it got), or null when none was under way. */
    synchronized FileEvents.TransferProgress closed(String owner, long connectionId) {
        FileEvents.TransferProgress cut = inFlight.remove(transfer(owner, connectionId));
        if (cut != null && terminal) draw();
        return cut;
    }

    /**
     * Other text for the terminal (the log's lines, through {@link ConsoleStream}): a line that starts while the
     * progress line is shown replaces it, and the progress line is drawn again once the text's line has ended.
     */
    synchronized void text(byte[] b, int off, int len) {
        if (len <= 0) return;
        if (!midLine) erase();
        out.write(b, off, len);
        midLine = b[off + len - 1] != '\n';
        if (!midLine) draw();
        out.flush();
    }

    /** Leaves the line empty, for what comes after this process (the shell's prompt). */
    synchronized void end() {
        inFlight.clear();
        erase();
        out.flush();
    }

    private void erase() {
        if (drawn == null) return;
        out.print(ERASE);
        drawn = null;
    }

    private void draw() {
        if (midLine) return;
        if (inFlight.isEmpty()) {
            erase();
        } else {
            String line = line(width.getAsInt() - MARGIN);
            if (line.equals(drawn)) return;
            out.print("\r" + line + "\u001b[K");
            drawn = line;
        }
        out.flush();
    }

    /**
     * The progress line in at most {@code columns}: the one transfer's, or the sum of all under way. The name is
     * shown in full when it fits, else shortened in its middle; a long name takes the bar's room (a bar of 10 to 20
     * cells only where the name has 24 columns besides), as which file it is matters more than the bar.
     */
    String line(int columns) {
        long bytes = 0;
        long total = 0;
        double rate = 0;
        Duration eta = null;
        for (FileEvents.TransferProgress p : inFlight.values()) {
            bytes += p.bytes();
            total = total < 0 || p.total() < 0 ? -1 : total + p.total();
            rate += p.bytesPerSecond();
            if (p.eta() != null && (eta == null || p.eta().compareTo(eta) > 0)) eta = p.eta();
        }
        double pct = total < 0 ? -1 : total == 0 ? 100 : Math.min(100.0, bytes * 100.0 / total);
        String percent = String.format(Locale.ROOT, "%5.1f%%", Math.max(0, pct));
        String label = inFlight.size() > 1 ? inFlight.size() + " transfers," : inFlight.values().iterator().next().name();
        String end = size(bytes, total) + ", " + rate(rate) + eta(eta);
        int room = columns - TerminalText.columns(percent + "  " + end); // for the bar and the label
        int cells = Math.min(20, room - 3 - Math.min(TerminalText.columns(label), 24));
        String bar = "";
        if (cells >= 10) {
            int filled = pct < 0 ? 0 : (int) Math.round(pct * cells / 100);
            bar = "[" + "#".repeat(filled) + " ".repeat(cells - filled) + "] ";
        }
        label = TerminalText.shorten(label, Math.max(room - bar.length(), 10));
        return TerminalText.head(bar + percent + " " + label + " " + end, columns);
    }

    private static String transfer(String owner, long connectionId) {
        return owner + "#" + connectionId;
    }

    private static String size(long bytes, long total) {
        return Units.formatSize(bytes) + (total >= 0 ? " of " + Units.formatSize(total) : "");
    }

    private static String rate(double bytesPerSecond) {
        return Units.formatSize((long) bytesPerSecond) + "/s";
    }

    private static String eta(Duration eta) {
        return eta == null ? "" : ", ETA " + Units.formatEta(eta);
    }
}
