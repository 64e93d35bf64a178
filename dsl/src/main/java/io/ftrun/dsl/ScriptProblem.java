package io.ftrun.dsl;

import java.util.Objects;

/**
 * One thing that went wrong in a script or in its run, located: the script, the line (0 when unknown), the block
 * it happened in, what kind of problem it is, and why. Every error ftrun reports about a script is one of these;
 * the text users read is {@link #located()}: {@code script.groovy:LINE: block: message}.
 *
 * <p>They are made in two places only: from something thrown ({@code internal.ScriptErrors}, for compile errors,
 * invalid declarations, failed clients and the script's own code), and from a server's failures
 * ({@link #ofServer}, in a {@link RunResult}).
 *
 * @param block what the problem happened in, e.g. {@code client 'upload' sendFile} or {@code server 'inbox'};
 *              null when it is the script as a whole
 * @param cause what was thrown, if anything (not part of the text)
 */
public record ScriptProblem(String file, int line, String block, Code code, String message, Throwable cause) {
    /** What kind of problem: the script itself, or its run, and on which side. */
    public enum Code {
        /** The script does not compile. */
        COMPILE,
        /** The script declares something invalid: a bad value, a misplaced block, an unknown method or name. */
        DECLARATION,
        /** A declared server or the health port could not start. */
        START,
        /** A client could not connect, or one of its steps failed. */
        CLIENT,
        /** The script's own code failed while the run went on: a handler, a hook, {@code afterClients}. */
        SCRIPT,
        /** Work went wrong on a server's side: a file refused or lost, a handler error, a connection aborted at shutdown. */
        SERVER,
        /** ftrun itself failed: a bug to report. */
        INTERNAL
    }

    public ScriptProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** A failure a server recorded (see {@code ServerStats}); the line is the server block's, if known. */
    public static ScriptProblem ofServer(String file, int line, String server, String message) {
        return new ScriptProblem(file, line, "server '" + server + "'", Code.SERVER, message, null);
    }

    /** {@code script.groovy:LINE: block: message}; without a line {@code script.groovy: block: message}. */
    public String located() {
        return file + (line > 0 ? ":" + line : "") + ": " + (block == null ? "" : block + ": ") + message;
    }

    /** The same problem said to have happened in {@code outer} (e.g. a failure inside a client's step). */
    public ScriptProblem in(String outer) {
        return new ScriptProblem(file, line, block == null ? outer : outer + ": " + block, code, message, cause);
    }

    @Override
    public String toString() {
        return located();
    }
}
