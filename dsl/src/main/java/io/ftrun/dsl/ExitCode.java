package io.ftrun.dsl;

import io.ftrun.core.files.ErrorCode;
import io.ftrun.core.files.FileTransferException;
import io.ftrun.core.files.SessionBrokenException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * What a run's exit code tells the script or operator that started it, as curl's and rsync's do: whether to fix the
 * script, the address, the credentials or limits, or just to run it again. The one place failures are sorted into
 * codes: the command line exits with {@link #code()}, and an embedding program reads {@code RunReport.exitCode()}.
 *
 * <p>When several things failed, one code has to win: a signal (the run did not end by itself, whatever else
 * happened), then a script error (nothing else can be trusted until it is fixed), then a partial transfer (running
 * again sends the rest, whatever stopped the first run), then the class of the first failure in the run's order:
 * the clients' (in declaration order), {@code afterClients}, then the servers'.
 */
public enum ExitCode {
    OK(0, "success"),
    FAILED(1, "any other failure: a server's failures, the script's own code, a broken connection, TLS"),
    USAGE(2, "usage or script error (an option, the script's code or declarations), or a file to send is missing"),
    CONNECT_FAILED(3, "could not connect: refused, unreachable, or the host name does not resolve"),
    TIMED_OUT(4, "timed out: connecting, or waiting for the peer (connectTimeout, idleTimeout)"),
    REFUSED(5, "refused by the peer: token, too large, busy, exists, no space, name, protocol, not found"),
    VERIFICATION_FAILED(6, "verification failed: what arrived is not what was sent (digest or size mismatch)"),
    PARTIAL(7, "partial transfer: some files stored, others not (running it again sends the rest)"),
    INTERRUPTED(130, "stopped by SIGINT (Ctrl-C)"),
    TERMINATED(143, "stopped by SIGTERM");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** One line for {@code --help} and the docs. */
    public String meaning() {
        return meaning;
    }

    /** The code for a run that ended by itself with these problems (in the run's order): see the class comment. */
    public static ExitCode of(List<ScriptProblem> problems) {
        List<ExitCode> each = problems.stream().map(ExitCode::of).toList();
        if (each.contains(USAGE)) return USAGE;
        if (each.contains(PARTIAL)) return PARTIAL;
        return each.isEmpty() ? OK : each.get(0);
    }

    /** One problem's class: a script error, a client's failure by what it threw, anything else {@link #FAILED}. */
    public static ExitCode of(ScriptProblem p) {
        return switch (p.code()) {
            case COMPILE, DECLARATION -> USAGE;
            case CLIENT -> p.cause() == null ? FAILED : of(p.cause());
            case START, SCRIPT, SERVER, INTERNAL -> FAILED;
        };
    }

    /**
     * What a client's failure means, from the most specific thing in its chain of causes: a refusal wrapping a
     * timeout (a receiver that never answered HELLO) timed out; a failed connect that timed out timed out too.
     */
    public static ExitCode of(Throwable t) {
        ExitCode found = specific(t);
        return found == null ? FAILED : found;
    }

    private static ExitCode specific(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IncompleteTransfer f) return incomplete(f);
            if (c instanceof SessionBrokenException s && partial(s.partial().files().size() - s.partial().failed().size(),
                    s.partial().failed().size())) {
                return PARTIAL;
            }
            if (c instanceof FileTransferException f) {
                ExitCode below = specific(f.getCause());
                return below != null ? below : of(f.code());
            }
            if (c instanceof SocketTimeoutException) return TIMED_OUT;
            if (c instanceof ConnectException) return specific(c.getCause()) == TIMED_OUT ? TIMED_OUT : CONNECT_FAILED;
            if (c instanceof UnknownHostException || c instanceof NoRouteToHostException || c instanceof PortUnreachableException) {
                return CONNECT_FAILED;
            }
            // a file the script (or a -P parameter) names to send, missing here: the command asked for what cannot be
            if (c instanceof NoSuchFileException) return USAGE;
        }
        return null;
    }

    private static ExitCode incomplete(IncompleteTransfer f) {
        if (partial(f.held(), f.failures().size())) return PARTIAL;
        for (ErrorCode e : f.failures()) {
            if (e != null && e != ErrorCode.CONNECTION_LOST) return of(e);
        }
        ExitCode below = specific(f.getCause()); // every file was cut off: why the connection went
        return below != null ? below : FAILED;
    }

    /** Some files held by the other side, others not: rsync's "partial transfer" (its 23). */
    private static boolean partial(long held, long failed) {
        return held > 0 && failed > 0;
    }

    /** A file's failure as the protocol names it. */
    public static ExitCode of(ErrorCode e) {
        return switch (e) {
            case DIGEST_MISMATCH, SIZE_MISMATCH -> VERIFICATION_FAILED;
            case IO_ERROR, INTERNAL, CONNECTION_LOST -> FAILED;
            case PROTOCOL, UNSUPPORTED_VERSION, UNSUPPORTED_DIGEST, NAME_REJECTED, EXISTS, TOO_LARGE, NO_SPACE, NOT_AUTHORISED,
                 BUSY, NOT_FOUND -> REFUSED;
        };
    }
}
