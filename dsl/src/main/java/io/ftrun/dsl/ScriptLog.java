package io.ftrun.dsl;

import io.ftrun.core.event.Sanitize;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code log.info 'text'}: the script's own messages, and the run's (servers started, files received, connections
 * that failed), filtered by a threshold and handed to a {@link Sink}. The command line's sink prints them on
 * standard error ({@code ftrun: warn: text}); a program that embeds ftrun gets them through {@link System.Logger}
 * (the logger {@value #LOGGER_NAME}) unless it names another sink, and the Maven plugin and the Ant task map them
 * onto their host's levels, so a warning is a warning there and not a line of info that says so.
 */
public final class ScriptLog {
    public enum Level { ERROR, WARN, INFO, DEBUG }

    /** The {@link System.Logger} that {@link #systemLogger()} logs to. */
    public static final String LOGGER_NAME = "io.ftrun.script";

    /**
     * Where the lines go. A sink gets each message that passes the log's threshold, its control characters
     * already neutralised and without the {@code ftrun: warn: } start the console gives it (a host shows the
     * level its own way). Called from engine threads: it must be thread-safe.
     */
    public interface Sink {
        void log(Level level, String message);

        /** Whether the host shows this level at all; when not, the message is neither built nor sent. */
        default boolean enabled(Level level) {
            return true;
        }
    }

    /** ISO-8601 local date and time to the millisecond, without the zone: a log read on the machine that wrote it. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

    private final Sink sink;
    private final Level threshold;
    private final Clock clock;

    /** The console's log: lines on {@code out}, {@code ftrun: } and the level first ({@code ftrun: warn: }, none for info). */
    public ScriptLog(PrintStream out, Level threshold) {
        this(out, threshold, null);
    }

    /** @param clock when not null, every line starts with the time it was written ({@code --timestamps}) */
    public ScriptLog(PrintStream out, Level threshold, Clock clock) {
        this.clock = clock;
        this.threshold = threshold;
        this.sink = new Console(Objects.requireNonNull(out, "out"), this);
    }

    /** Every message at {@code threshold} or above to {@code sink}, which may drop more (see {@link Sink#enabled}). */
    public ScriptLog(Sink sink, Level threshold) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.clock = null;
    }

    /**
     * The log of a program that embeds ftrun, by default: the {@link System.Logger} {@value #LOGGER_NAME}, which
     * is {@code java.util.logging} unless the program installs another backend (SLF4J's, Log4j's).
     */
    public static ScriptLog systemLogger() {
        return to(System.getLogger(LOGGER_NAME));
    }

    /**
     * Everything to {@code logger}, which decides what it shows: ERROR, WARNING, INFO and DEBUG are the levels
     * of the same names.
     */
    public static ScriptLog to(System.Logger logger) {
        return new ScriptLog(new SystemLoggerSink(logger), Level.DEBUG);
    }

    public static Level parseLevel(String s) {
        return io.ftrun.dsl.internal.Values.choice(Level.class, s, "log level");
    }

    public Level threshold() {
        return threshold;
    }

    public boolean enabled(Level level) {
        return level.compareTo(threshold) <= 0 && sink.enabled(level);
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

    /** Logs one message; text from peers may end up here, so control characters are neutralised. */
    public void print(Level level, Object message) {
        if (!enabled(level)) return;
        sink.log(level, Sanitize.forLog(String.valueOf(message)));
    }

    /** How a line of the console's log starts: {@code ftrun: }, after the time when there is a clock. */
    public String lineStart() {
        return clock == null ? "ftrun: " : STAMP.format(LocalDateTime.now(clock)) + " ftrun: ";
    }

    /** How the console shows a level: {@code warn: }, and nothing for info. */
    public static String levelPrefix(Level level) {
        return level == Level.INFO ? "" : level.name().toLowerCase(Locale.ROOT) + ": ";
    }

    /** The command line's: a line on standard error, {@code ftrun: } (after the time, if asked for) and the level first. */
    private record Console(PrintStream out, ScriptLog log) implements Sink {
        @Override
        public void log(Level level, String message) {
            synchronized (out) {
                out.println(log.lineStart() + levelPrefix(level) + message);
            }
        }
    }

    /** A {@link System.Logger}'s: its levels of the same names, and what it shows is what it says is loggable. */
    private record SystemLoggerSink(System.Logger logger) implements Sink {
        SystemLoggerSink {
            Objects.requireNonNull(logger, "logger");
        }

        @Override
        public void log(Level level, String message) {
            // no parameters, so a '{0}' or '{}' in the message is printed as it is by any backend
            logger.log(of(level), message);
        }

        @Override
        public boolean enabled(Level level) {
            return logger.isLoggable(of(level));
        }

        private static System.Logger.Level of(Level level) {
            return switch (level) {
                case ERROR -> System.Logger.Level.ERROR;
                case WARN -> System.Logger.Level.WARNING;
                case INFO -> System.Logger.Level.INFO;
                case DEBUG -> System.Logger.Level.DEBUG;
            };
        }
    }
}
