package io.ftrun.dsl;

import io.ftrun.core.files.ErrorCode;
import io.ftrun.core.files.SendReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words a user reads when a framed upload did not fully succeed: what got through, what did not, what to do. */
class SendOutcomeTest {
    private static SendReport.FileResult ok(String name, boolean skipped) {
        return new SendReport.FileResult(name, 10, "sha-256", "00", true, null, null, name, 0, skipped);
    }

    private static SendReport.FileResult lost(String name) {
        return new SendReport.FileResult(name, 10, "sha-256", null, false, ErrorCode.CONNECTION_LOST, "not confirmed", null, 0, false);
    }

    @Test
    void aBrokenSessionSaysWhatWasConfirmedWhatWasNotAndHowToGoOn() {
        List<SendReport.FileResult> files = new ArrayList<>(List.of(ok("a", false), ok("b", true)));
        for (int i = 0; i < 7; i++) files.add(lost("c" + i));
        String s = SendOutcome.describe(new SendReport(files, Duration.ZERO), "Connection reset");
        assertEquals("2 of 9 file(s) confirmed (1 of them unchanged, skipped); the session broke: Connection reset; not confirmed: "
                + "c0 (connection-lost: not confirmed), c1 (connection-lost: not confirmed), c2 (connection-lost: not confirmed), "
                + "c3 (connection-lost: not confirmed), c4 (connection-lost: not confirmed) and 2 more. Run the same command again to"
                + " send the rest: files the receiver holds unchanged are skipped, and a cut file resumes", s);
    }

    @Test
    void aRefusalAloneIsNotToldToRunAgain() {
        SendReport r = new SendReport(List.of(ok("a", false), new SendReport.FileResult("b", 10, "sha-256", null, false,
                ErrorCode.EXISTS, "a file named 'b' exists already", null, 0, false)), Duration.ZERO);
        String s = SendOutcome.describe(r, null);
        assertTrue(s.startsWith("1 of 2 file(s) confirmed; not confirmed: b ("), s);
        assertTrue(!s.contains("Run the same command again"), s);
    }

    /** After a line per file, one line for the whole transfer: what moved, what was skipped, how long it took. */
    @Test
    void aTransferThatSucceededEndsWithOneSummaryLine() {
        SendReport r = new SendReport(List.of(ok("a", false), ok("b", true), ok("c", false)), Duration.ofMillis(5_740));
        assertEquals("sent 2 file(s) (20 B), each verified; 1 unchanged, skipped; 5.7 s", SendOutcome.summary(r, "sent"));
        SendReport none = new SendReport(List.of(ok("a", true)), Duration.ofMillis(40));
        assertEquals("fetched 0 file(s) (0 B); 1 unchanged, skipped; 0.0 s", SendOutcome.summary(none, "fetched"));
    }
}
