package io.ftrun.dsl;

import io.ftrun.core.event.Sanitize;

import java.io.PrintStream;
import java.util.Locale;

/** {@code log.info 'text'}: the script's own messages, on standard error, filtered by the runner's log level. */
public final class ScriptLog {
    public enum Level { ERROR, WARN, INFO, DEBUG }

    private final PrintStream out;
    private final Level threshold;

    public ScriptLog(PrintStream out, Level threshold) {
        this.out = out;
        this.threshold = threshold;
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
            out.println("ftrun: " + prefix + Sanitize.forLog(String.valueOf(message)));
        }
    }
}
