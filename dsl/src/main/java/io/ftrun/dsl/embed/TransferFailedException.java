package io.ftrun.dsl.embed;

/** A run that went through but some transfer failed; {@link #report()} says which. What fails a build. */
public class TransferFailedException extends FtrunException {
    private final transient RunReport report;

    public TransferFailedException(RunReport report) {
        super(report.failures().size() + " failure(s) in " + report.name() + ":\n  " + String.join("\n  ", report.failures()));
        this.report = report;
    }

    public RunReport report() {
        return report;
    }
}
