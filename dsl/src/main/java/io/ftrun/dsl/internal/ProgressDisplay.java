package io.ftrun.dsl.internal;

import io.ftrun.core.Units;
import io.ftrun.core.files.FileEvents;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Shows upload progress: a bar redrawn in place on a terminal, plain lines otherwise (logs, CI, pipes), where a
 * file's end is left to its "sent" line (5000 small files once made 5000 "sending ...: 100%" lines besides).
 */
final class ProgressDisplay {
    private final PrintStream out;
    private final boolean terminal;
    private final boolean enabled;
    /** How a plain line starts, as the log's do (with the time, under --timestamps). */
    private final Supplier<String> lineStart;
    private boolean barShown;
    private String last;

    ProgressDisplay(PrintStream out, boolean terminal, boolean enabled) {
        this(out, terminal, enabled, () -> "ftrun: ");
    }

    ProgressDisplay(PrintStream out, boolean terminal, boolean enabled, Supplier<String> lineStart) {
        this.out = out;
        this.terminal = terminal;
        this.enabled = enabled;
        this.lineStart = lineStart;
    }

    /** A terminal, as far as Java can tell: a console, and on JDK 22+ one that is a real terminal. */
    static boolean isTerminal() {
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
        if (!terminal && p.total() >= 0 && p.bytes() >= p.total()) return; // a finished file has its "sent" line
        String size = Units.formatSize(p.bytes()) + (p.total() >= 0 ? " of " + Units.formatSize(p.total()) : "");
        String rate = Units.formatSize((long) p.bytesPerSecond()) + "/s";
        String eta = p.eta() == null ? "" : ", ETA " + p.eta().toSeconds() + "s";
        if (terminal) {
            double pct = p.percent();
            int filled = pct < 0 ? 0 : (int) Math.round(pct / 5);
            String bar = "[" + "#".repeat(filled) + " ".repeat(20 - filled) + "]";
            out.print(String.format(Locale.ROOT, "\r%s %5.1f%% %s %s, %s%s\u001b[K", bar, Math.max(0, pct), p.name(), size, rate, eta));
            out.flush();
            barShown = pct < 100;
            if (!barShown) out.println();
        } else {
            out.println(lineStart.get() + "sending " + p.name() + ": " + (p.percent() < 0 ? "" : Math.round(p.percent()) + "%, ")
                    + size + " (" + rate + eta + ")");
        }
    }

    /** Ends a bar in progress so a log line does not land in the middle of it. */
    synchronized void clearLine() {
        if (barShown) {
            out.print("\r\u001b[K");
            barShown = false;
        }
    }
}
