package io.ftrun.dsl;

import io.ftrun.core.files.ErrorCode;
import io.ftrun.core.files.SendReport;

import java.util.List;

/**
 * A client's file step that did not get every file through: its message is what the user reads, the rest is what
 * {@link ExitCode} needs to tell a partial transfer from a refusal or a broken connection.
 */
final class IncompleteTransfer extends DslException {
    private final transient long held;
    private final transient List<ErrorCode> failures;

    /**
     * @param held     files the other side holds now: stored, or skipped as unchanged
     * @param failures why each other file failed, in order (null where unknown)
     * @param cause    what broke the session, or null when it ended and files were refused
     */
    IncompleteTransfer(String message, long held, List<ErrorCode> failures, Throwable cause) {
        super(message, cause);
        this.held = held;
        this.failures = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(failures));
    }

    static IncompleteTransfer of(String message, SendReport report, Throwable cause) {
        List<ErrorCode> failed = report.failed().stream().map(SendReport.FileResult::error).toList();
        return new IncompleteTransfer(message, report.files().size() - failed.size(), failed, cause);
    }

    long held() {
        return held;
    }

    List<ErrorCode> failures() {
        return failures;
    }
}
