package io.ftrun.maven;

import io.ftrun.dsl.ScriptLog;
import org.apache.maven.plugin.logging.Log;

/**
 * ftrun's log in Maven's: each level onto the Mojo's {@link Log} method of the same rank, so a script's
 * {@code log.warn} is a {@code [WARNING]} and its {@code log.error} an {@code [ERROR]}, and {@code mvn -q}, {@code -X}
 * and {@code -l file} treat them as Maven's own. Lines start with {@code ftrun: }, which says where they come from.
 *
 * <p>Not through {@link System.Logger}: Maven 3.9 routes nothing from {@code java.util.logging} (its default
 * backend) into its own log, so those lines would reach the console in java.util.logging's format, outside Maven's
 * levels and its log file.
 */
final class MavenLog implements ScriptLog.Sink {
    private final Log log;

    MavenLog(Log log) {
        this.log = log;
    }

    /** A script's log for Maven: every level that Maven shows. */
    static ScriptLog of(Log log) {
        return new ScriptLog(new MavenLog(log), ScriptLog.Level.DEBUG);
    }

    @Override
    public void log(ScriptLog.Level level, String message) {
        String line = "ftrun: " + message;
        switch (level) {
            case ERROR -> log.error(line);
            case WARN -> log.warn(line);
            case INFO -> log.info(line);
            case DEBUG -> log.debug(line);
        }
    }

    @Override
    public boolean enabled(ScriptLog.Level level) {
        return switch (level) {
            case ERROR -> log.isErrorEnabled();
            case WARN -> log.isWarnEnabled();
            case INFO -> log.isInfoEnabled();
            case DEBUG -> log.isDebugEnabled();
        };
    }
}
