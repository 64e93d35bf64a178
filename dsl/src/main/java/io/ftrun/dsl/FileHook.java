package io.ftrun.dsl;

import groovy.lang.Closure;
import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.FileEvents;
import io.ftrun.dsl.internal.ScriptErrors;

import java.nio.file.Path;

/**
 * A script's {@code onFile { f -> }}: called once for each file stored, on the connection's own thread, after the
 * file is committed under its final name (it hears the receiver's file-received event, which comes only then). What
 * the closure throws never undoes the file: it is reported as {@code script.groovy:LINE: onFile for NAME: why}.
 */
final class FileHook {
    private final Closure<?> block;
    private final String scriptFile;
    private final int line;

    FileHook(Closure<?> block, String scriptFile, int line) {
        this.block = block;
        this.scriptFile = scriptFile;
        this.line = line;
    }

    /** Calls the hook for a stored file; what it threw, as the script problem to report, or null. */
    ScriptProblem call(Path directory, FileEvents.FileReceived e) {
        StoredFile f = StoredFile.of(directory, e);
        try {
            block.call(f);
            return null;
        } catch (Throwable t) {
            return ScriptErrors.problem(t, scriptFile, ScriptProblem.Code.SCRIPT, "onFile for " + f.name(), line);
        }
    }

    /**
     * {@code next}, and this hook for every file stored in {@code directory}; a failing hook is reported as an
     * error of {@code owner}, which a server's report and the exit code count.
     */
    EventListener around(EventListener next, String owner, Path directory) {
        return (Event event) -> {
            if (next != null) next.onEvent(event);
            if (event instanceof FileEvents.FileReceived r) {
                ScriptProblem p = call(directory, r);
                if (p != null && next != null) next.onEvent(Events.error(owner, "onFile", p.located()));
            }
        };
    }
}
