package io.ftrun.dsl.internal;

/** Finds where in the user's script a DSL call or an error came from: the innermost frame in the script file. */
public final class ScriptLines {
    private ScriptLines() {
    }

    /** The line of the innermost stack frame in {@code scriptFile} (a bare file name), or -1. */
    public static int lineIn(Throwable t, String scriptFile) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                if (scriptFile.equals(e.getFileName()) && e.getLineNumber() > 0) return e.getLineNumber();
            }
            if (c.getCause() == c) break;
        }
        return -1;
    }

    /** The script line currently executing on this thread (the caller of the DSL method), or -1. */
    public static int current(String scriptFile) {
        return lineIn(new Throwable(), scriptFile);
    }
}
