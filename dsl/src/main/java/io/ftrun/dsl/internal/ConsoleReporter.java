package io.ftrun.dsl.internal;

import io.ftrun.core.CloseReason;
import io.ftrun.core.Units;
import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.event.Sanitize;
import io.ftrun.core.files.FileEvents;
import io.ftrun.dsl.ScriptLog;
import io.ftrun.dsl.ScriptLog.Level;

/** Turns engine events into the human log on standard error, at the runner's log level. */
public final class ConsoleReporter implements EventListener {
    private final ScriptLog log;
    private final ProgressDisplay progress;

    ConsoleReporter(ScriptLog log, ProgressDisplay progress) {
        this.log = log;
        this.progress = progress;
    }

    /**
     * For the command line: progress on {@code err} when the log shows info, as a line redrawn in place when
     * {@code err} is the terminal's ({@link ConsoleStream#stderr}), as plain lines otherwise.
     */
    public static EventListener forConsole(ScriptLog log, java.io.PrintStream err) {
        if (err instanceof ConsoleStream && log.enabled(Level.INFO)) return new ConsoleReporter(log, ((ConsoleStream) err).display());
        return new ConsoleReporter(log, new ProgressDisplay(err, false, log.enabled(Level.INFO), log::lineStart, () -> TerminalWidth.FALLBACK));
    }

    /** The same log lines without a progress display: for programs that embed ftrun (build tools, tests). */
    public static EventListener forLog(ScriptLog log) {
        return new ConsoleReporter(log, new ProgressDisplay(System.err, false, false));
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof FileEvents.TransferProgress) {
            progress.update((FileEvents.TransferProgress) e);
            return;
        }
        if (e instanceof FileEvents.FileSent) {
            FileEvents.FileSent f = (FileEvents.FileSent) e;
            progress.ended(f.owner(), f.connectionId(), Sanitize.forLog(f.result().name()));
        }
        if (e instanceof Events.ConnectionClosed) {
            Events.ConnectionClosed c = (Events.ConnectionClosed) e;
            FileEvents.TransferProgress cut = progress.closed(c.owner(), c.id());
            // the run's summary of an upload cut short (Ctrl-C, a broken link): how far it got
            if (cut != null) log.info("stopped sending " + cut.name() + " after " + Units.formatSize(cut.bytes())
                    + (cut.total() < 0 ? "" : " of " + Units.formatSize(cut.total()) + " (" + (int) cut.percent() + "%)"));
        }
        Level level = level(e);
        if (!log.enabled(level)) return;
        String text = text(e);
        if (text == null) return;
        log.print(level, text);
    }

    private static Level level(Event e) {
        if (e instanceof Events.Problem) return ((Events.Problem) e).warning() ? Level.WARN : Level.ERROR;
        if (e instanceof Events.ConnectionRefused || e instanceof FileEvents.FileRejected || e instanceof FileEvents.TransferFailed) {
            return Level.WARN;
        }
        if (e instanceof Events.ConnectionClosed) {
            CloseReason r = ((Events.ConnectionClosed) e).reason();
            return r == CloseReason.COMPLETED ? Level.DEBUG : Level.WARN;
        }
        if (e instanceof Events.ServerStarted || e instanceof Events.ServerStopped || e instanceof FileEvents.FileReceived
                || e instanceof FileEvents.FileSent || e instanceof FileEvents.FileSkipped) {
            return Level.INFO;
        }
        if (e instanceof FileEvents.TransferStarted && ((FileEvents.TransferStarted) e).offset() > 0) return Level.INFO; // a resume
        return Level.DEBUG;
    }

    private static String text(Event e) {
        if (e instanceof Events.ServerStarted) {
            Events.ServerStarted s = (Events.ServerStarted) e;
            return "server '" + s.server() + "' listening on " + addr(s.address()) + " (" + s.concurrency() + ")";
        }
        if (e instanceof Events.ServerStopped) {
            Events.ServerStopped s = (Events.ServerStopped) e;
            return "server '" + s.server() + "' stopped: " + s.completed() + " connection(s) served"
                    + (s.aborted() > 0 ? ", " + s.aborted() + " aborted at shutdown" : "");
        }
        if (e instanceof Events.ConnectionClosed) {
            Events.ConnectionClosed c = (Events.ConnectionClosed) e;
            return "'" + c.owner() + "' connection #" + c.id() + " with " + addr(c.remote()) + " closed: "
                    + c.reason().name().toLowerCase().replace('_', ' ') + (c.error() == null ? "" : " (" + c.error() + ")");
        }
        if (e instanceof Events.Problem) {
            Events.Problem p = (Events.Problem) e;
            return "'" + p.owner() + "' " + p.phase() + ": " + p.message();
        }
        if (e instanceof FileEvents.FileReceived) {
            FileEvents.FileReceived f = (FileEvents.FileReceived) e;
            return "received " + f.name() + " (" + Units.formatSize(f.bytes()) + (f.digest() == null ? "" : ", " + f.algorithm() + " " + f.digest())
                    + ") from " + addr(f.remote());
        }
        if (e instanceof FileEvents.FileSkipped) {
            FileEvents.FileSkipped f = (FileEvents.FileSkipped) e;
            return "unchanged " + f.name() + " (" + Units.formatSize(f.bytes()) + "), skipped for " + addr(f.remote());
        }
        if (e instanceof FileEvents.FileSent) {
            FileEvents.FileSent f = (FileEvents.FileSent) e;
            if (f.result().skipped()) return "unchanged " + f.result().name() + ", skipped: the receiver has it as " + f.result().storedName();
            return f.result().confirmed()
                    ? "sent " + f.result().name() + " (" + Units.formatSize(f.result().bytes()) + "), receiver verified " + f.result().algorithm() + " " + f.result().digest()
                    : "NOT sent " + f.result().name() + ": " + f.result().error() + " " + f.result().message();
        }
        if (e instanceof FileEvents.FileRejected) {
            FileEvents.FileRejected f = (FileEvents.FileRejected) e;
            return "'" + f.owner() + "' refused " + (f.name() == null ? "a session" : f.name()) + " from " + addr(f.remote())
                    + " (" + words(f.code()) + "): " + f.message();
        }
        if (e instanceof FileEvents.TransferFailed) {
            FileEvents.TransferFailed f = (FileEvents.TransferFailed) e;
            return "'" + f.owner() + "' did not get " + (f.name() == null ? "a file" : f.name()) + " from " + addr(f.remote())
                    + " (" + words(f.code()) + ", after " + Units.formatSize(f.bytes()) + "): " + f.message()
                    + (f.keptForResume() ? "; the partial is kept: sending again resumes it" : "; nothing kept");
        }
        if (e instanceof FileEvents.TransferStarted && ((FileEvents.TransferStarted) e).offset() > 0) {
            FileEvents.TransferStarted t = (FileEvents.TransferStarted) e;
            String at = " at " + Units.formatSize(t.offset()) + (t.size() < 0 ? "" : " of " + Units.formatSize(t.size()));
            return "send".equals(t.direction()) ? "resuming " + t.name() + at
                    : "'" + t.owner() + "' resuming " + t.name() + " from " + addr(t.remote()) + at;
        }
        if (e instanceof Events.ConnectionRefused) {
            Events.ConnectionRefused c = (Events.ConnectionRefused) e;
            return "'" + c.server() + "' turned away a connection from " + addr(c.remote()) + ": " + c.why();
        }
        Object m = e.fields();
        return e.type() + " " + m;
    }

    private static String words(io.ftrun.core.files.ErrorCode code) {
        return code == null ? "error" : code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String addr(java.net.InetSocketAddress a) {
        return a == null ? "?" : Events.address(a);
    }
}
