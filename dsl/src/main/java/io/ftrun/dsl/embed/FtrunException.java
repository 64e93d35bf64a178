package io.ftrun.dsl.embed;

import io.ftrun.dsl.ScriptError;
import io.ftrun.dsl.ScriptProblem;

import java.util.List;

/** A script that cannot run: it does not compile, declares something invalid, or a server cannot start. */
public class FtrunException extends RuntimeException {
    public FtrunException(String message) {
        super(message);
    }

    public FtrunException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Where and why, when the script itself is at fault; empty for a missing or unreadable file. */
    public List<ScriptProblem> problems() {
        return getCause() instanceof ScriptError e ? e.problems() : List.of();
    }
}
