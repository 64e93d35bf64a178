package io.ftrun.dsl;

import io.ftrun.core.files.SendReport;

import java.util.List;

/** What a framed upload that did not fully succeed tells its user: what got through, what did not, what to do. */
final class SendOutcome {
    /** How many of the files not confirmed are named. */
    private static final int NAMED = 5;

    private SendOutcome() {
    }

    /** @param broke why the session broke, or null when it ended but the receiver refused some files */
    static String describe(SendReport report, String broke) {
        return describe(report, broke, "confirmed", "send");
    }

    /**
     * One line for a framed transfer that fully succeeded, after its line per file: {@code sent 2990 file(s) (11.7 MiB),
     * each verified by the receiver; 10 unchanged, skipped; 5.7 s}. {@code verb} is "sent" or "fetched".
     */
    static String summary(SendReport report, String verb) {
        long skipped = report.skipped();
        long moved = report.files().size() - skipped;
        long bytes = report.files().stream().filter(f -> f.confirmed() && !f.skipped()).mapToLong(SendReport.FileResult::bytes).sum();
        long tenths = Math.round(report.duration().toMillis() / 100.0);
        return verb + " " + moved + " file(s) (" + io.ftrun.core.Units.formatSize(bytes) + ")"
                + (moved > 0 ? ", each verified" : "") + (skipped > 0 ? "; " + skipped + " unchanged, skipped" : "")
                + "; " + tenths / 10 + "." + tenths % 10 + " s";
    }

    /** The same for a fetch: what was stored here, what not, and how to fetch the rest. */
    static String describeFetch(SendReport report, String broke) {
        return describe(report, broke, "stored", "fetch");
    }

    private static String describe(SendReport report, String broke, String done, String verb) {
        List<SendReport.FileResult> failed = report.failed();
        long confirmed = report.files().size() - failed.size();
        StringBuilder b = new StringBuilder();
        b.append(confirmed).append(" of ").append(report.files().size()).append(" file(s) ").append(done);
        if (report.skipped() > 0) b.append(" (").append(report.skipped()).append(" of them unchanged, skipped)");
        if (broke != null) b.append("; the session broke: ").append(broke);
        b.append("; not ").append(done).append(": ");
        for (int i = 0; i < Math.min(NAMED, failed.size()); i++) {
            SendReport.FileResult f = failed.get(i);
            if (i > 0) b.append(", ");
            b.append(f.name()).append(" (").append(f.error() == null ? "failed" : f.error().label()).append(": ").append(f.message()).append(')');
        }
        if (failed.size() > NAMED) b.append(" and ").append(failed.size() - NAMED).append(" more");
        if (broke != null || failed.stream().anyMatch(f -> f.error() == io.ftrun.core.files.ErrorCode.CONNECTION_LOST)) {
            b.append(". Run the same command again to ").append(verb).append(" the rest: files the receiver holds unchanged"
                    + " are skipped, and a cut file resumes");
        }
        return b.toString();
    }
}
