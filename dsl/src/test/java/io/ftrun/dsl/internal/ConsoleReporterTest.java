package io.ftrun.dsl.internal;

import io.ftrun.core.CloseReason;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.ErrorCode;
import io.ftrun.core.files.FileEvents;
import io.ftrun.dsl.ScriptLog;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Refusals and failures reach the log as sentences, not as a map of an event's fields. */
class ConsoleReporterTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 39000);

    private static String logged(io.ftrun.core.event.Event e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleReporter.forLog(new ScriptLog(new PrintStream(out, true, StandardCharsets.UTF_8), ScriptLog.Level.INFO)).onEvent(e);
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void refusalsAndFailuresAreSentences() {
        assertEquals("ftrun: warn: 'inbox' refused a session from 127.0.0.1:39000 (protocol): this receiver takes raw uploads only",
                logged(new FileEvents.FileRejected(Instant.EPOCH, "inbox", 2, PEER, null, ErrorCode.PROTOCOL, "this receiver takes raw uploads only")));
        assertEquals("ftrun: warn: 'client' refused reports/r1.bin from 127.0.0.1:39000 (exists): reports/r1.bin exists",
                logged(new FileEvents.FileRejected(Instant.EPOCH, "client", 1, PEER, "reports/r1.bin", ErrorCode.EXISTS, "reports/r1.bin exists")));
        assertEquals("ftrun: warn: 'inbox' did not get a.iso from 127.0.0.1:39000 (connection lost, after 1.5 MiB): peer closed;"
                        + " the partial is kept: sending again resumes it",
                logged(new FileEvents.TransferFailed(Instant.EPOCH, "inbox", 3, PEER, "a.iso", 3 << 19, ErrorCode.CONNECTION_LOST, "peer closed", true)));
        assertEquals("ftrun: warn: 'inbox' turned away a connection from 127.0.0.1:39000: address not allowed",
                logged(new Events.ConnectionRefused(Instant.EPOCH, "inbox", PEER, "address not allowed")));
    }

    @Test
    void aResumedTransferSaysWhereItResumes() {
        assertEquals("ftrun: resuming big.iso at 94.0 MiB of 200.0 MiB",
                logged(new FileEvents.TransferStarted(Instant.EPOCH, "send", 1, PEER, "send", "big.iso", 200L << 20, 94L << 20)));
        assertEquals("ftrun: 'inbox' resuming big.iso from 127.0.0.1:39000 at 94.0 MiB of 200.0 MiB",
                logged(new FileEvents.TransferStarted(Instant.EPOCH, "inbox", 1, PEER, "receive", "big.iso", 200L << 20, 94L << 20)));
        assertEquals("", logged(new FileEvents.TransferStarted(Instant.EPOCH, "send", 1, PEER, "send", "big.iso", 200L << 20, 0)));
    }

    /** Ctrl-C or a broken link cuts an upload: the log says how far it got, as the run's summary has nothing of it. */
    @Test
    void anUploadCutShortSaysHowFarItGot() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(out, true, StandardCharsets.UTF_8);
        EventListener reporter = ConsoleReporter.forConsole(new ScriptLog(err, ScriptLog.Level.INFO), err);
        reporter.onEvent(new FileEvents.TransferProgress(Instant.EPOCH, "send", 4, "send", "big.iso", 94L << 20, 200L << 20, 1 << 20, null));
        reporter.onEvent(closed(3));
        reporter.onEvent(closed(4));
        reporter.onEvent(closed(4));
        assertEquals("ftrun: sending big.iso: 47%, 94.0 MiB of 200.0 MiB (1.0 MiB/s)\n"
                + "ftrun: stopped sending big.iso after 94.0 MiB of 200.0 MiB (47%)\n", out.toString(StandardCharsets.UTF_8));
    }

    private static Events.ConnectionClosed closed(long id) {
        return new Events.ConnectionClosed(Instant.EPOCH, "send", id, PEER, CloseReason.COMPLETED, 0, 0, java.time.Duration.ZERO, null);
    }
}
