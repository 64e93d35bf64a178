package io.ftrun.dsl;

import io.ftrun.core.event.Sanitize;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** {@code log.info 'text'}: the script's own messages, on standard error, filtered by the runner's log level. */
public final class ScriptLog {
    public enum Level { ERROR, WARN, INFO, DEBUG }

    /** ISO-8601 local date and time to the millisecond, without the zone: a log read on the machine that wrote it. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

    private final PrintStream out;
    private final Level threshold;
    private final Clock clock;

    public ScriptLog(PrintStream out, Level threshold) {
        this(out, threshold, null);
    }

    /** @param clock when not null, every line starts with the time it was written ({@code --timestamps}) */
    public ScriptLog(PrintStream out, Level threshold, Clock clock) {
        this.out = out;
        this.threshold = threshold;
        this.clock = clock;
    }

    public static Level parseLevel(String s) {
        return io.ftrun.dsl.internal.Values.choice(Level.class, s, "log level");
    }

    public Level threshold() {
        return threshold;
    }

    public boolean enabled(Level level) {
        return level.compareTo(threshold) <= 0;
    }

    public void error(Object message) {
        print(Level.ERROR, message);
    }

    public void warn(Object message) {
        print(Level.WARN, message);
    }

    public void info(Object message) {
        print(Level.INFO, message);
    }

    public void debug(Object message) {
        print(Level.DEBUG, message);
    }

    /** Prints one line; text from peers may end up here, so control characters are neutralised. */
    public void print(Level level, Object message) {
        if (!enabled(level)) return;
        String prefix = level == Level.INFO ? "" : level.name().toLowerCase(Locale.ROOT) + ": ";
        synchronized (out) {
            out.println(lineStart() + prefix + Sanitize.forLog(String.valueOf(message)));
        }
    }

    /** How a line of the log starts: {@code ftrun: }, after the time when there is a clock. */
    public String lineStart() {
        return clock == null ? "ftrun: " : STAMP.format(LocalDateTime.now(clock)) + " ftrun: ";
    }
}
