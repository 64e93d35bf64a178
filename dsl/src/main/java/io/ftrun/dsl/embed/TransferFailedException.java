package io.ftrun.dsl.embed;

import io.ftrun.dsl.ScriptProblem;

/** A run that went through but some transfer failed; {@link #report()} says which. What fails a build. */
public class TransferFailedException extends FtrunException {
    private final transient RunReport report;

    public TransferFailedException(RunReport report) {
        super(report.problems().size() + " failure(s) in " + report.name() + ":\n  "
                + String.join("\n  ", report.problems().stream().map(ScriptProblem::located).toList()));
        this.report = report;
    }

    public RunReport report() {
        return report;
    }
}
