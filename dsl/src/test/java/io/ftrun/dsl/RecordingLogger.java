package io.ftrun.dsl;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link System.Logger} for tests: shows {@code shown} and above, and records what it is given, level first. */
public final class RecordingLogger implements System.Logger {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level shown;

    public RecordingLogger(Level shown) {
        this.shown = shown;
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= shown.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(level + " " + msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level + " " + format);
    }
}
