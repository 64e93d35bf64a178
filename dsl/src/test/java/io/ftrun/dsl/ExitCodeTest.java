package io.ftrun.dsl;

import io.ftrun.core.files.ErrorCode;
import io.ftrun.core.files.FileTransferException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which code wins when several things failed, and what a cause chain means; the real failures behind each code are
 * run in {@code cli.ExitCodesTest}.
 */
class ExitCodeTest {
    private static ScriptProblem client(Throwable cause) {
        return new ScriptProblem("s.groovy", 3, "client 'c' sendFile", ScriptProblem.Code.CLIENT, String.valueOf(cause.getMessage()), cause);
    }

    private static ScriptProblem server() {
        return ScriptProblem.ofServer("s.groovy", 0, "inbox", "a.txt: digest-mismatch");
    }

    private static ScriptProblem declaration() {
        return new ScriptProblem("s.groovy", 2, null, ScriptProblem.Code.DECLARATION, "unknown method", null);
    }

    private static IncompleteTransfer incomplete(long held, ErrorCode... failures) {
        return new IncompleteTransfer("some files", held, Arrays.asList(failures), null);
    }

    private static ConnectException connectFailed(java.io.IOException why) {
        ConnectException e = new ConnectException("cannot connect to h:1 after 1 attempt(s): " + why.getMessage());
        e.initCause(why);
        return e;
    }

    @Test
    void theFirstFailureDecidesUnlessAScriptErrorOrAPartialTransferHappened() {
        ScriptProblem refused = client(new FileTransferException(ErrorCode.NOT_AUTHORISED, "wrong token"));
        ScriptProblem partial = client(incomplete(1, ErrorCode.TOO_LARGE));
        assertEquals(ExitCode.OK, ExitCode.of(List.of()));
        assertEquals(ExitCode.REFUSED, ExitCode.of(List.of(refused, server())));
        assertEquals(ExitCode.FAILED, ExitCode.of(List.of(server(), refused)), "the servers' come last in a run, but first is first");
        assertEquals(ExitCode.PARTIAL, ExitCode.of(List.of(refused, partial)));
        assertEquals(ExitCode.USAGE, ExitCode.of(List.of(partial, declaration())));
    }

    @Test
    void aTimeoutUnderAConnectFailureOrARefusalIsATimeout() {
        assertEquals(ExitCode.CONNECT_FAILED, ExitCode.of(connectFailed(new ConnectException("Connection refused"))));
        assertEquals(ExitCode.TIMED_OUT, ExitCode.of(connectFailed(new SocketTimeoutException("Connect timed out"))));
        assertEquals(ExitCode.TIMED_OUT, ExitCode.of(new FileTransferException(ErrorCode.PROTOCOL, "did not answer HELLO",
                new SocketTimeoutException("no answer"))));
        assertEquals(ExitCode.REFUSED, ExitCode.of(new FileTransferException(ErrorCode.PROTOCOL, "expected WELCOME")));
    }

    @Test
    void filesNotStoredAreClassedByTheFirstReasonThatIsNotALostConnection() {
        assertEquals(ExitCode.VERIFICATION_FAILED, ExitCode.of(incomplete(0, ErrorCode.CONNECTION_LOST, ErrorCode.DIGEST_MISMATCH)));
        assertEquals(ExitCode.PARTIAL, ExitCode.of(incomplete(2, ErrorCode.DIGEST_MISMATCH)), "some held, some not");
        IncompleteTransfer cut = new IncompleteTransfer("none", 0, List.of(ErrorCode.CONNECTION_LOST), new SocketTimeoutException("x"));
        assertEquals(ExitCode.TIMED_OUT, ExitCode.of(cut), "every file cut off: why the connection went");
        assertEquals(ExitCode.FAILED, ExitCode.of(incomplete(0, (ErrorCode) null)));
        assertEquals(ExitCode.USAGE, ExitCode.of(FileSelection.noSuchFile(java.nio.file.Path.of("gone.txt"))));
        assertEquals(ExitCode.FAILED, ExitCode.of(new DslException("expected 'a' but received 'b'")));
    }
}
