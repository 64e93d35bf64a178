package io.ftrun.dsl.internal;

import io.ftrun.core.files.FileEvents;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Off a terminal, a plain line per report of a file under way; a finished file is left to its "sent" line. On a
 * terminal, one line redrawn in place, fitted to the width, summing the transfers under way.
 */
class ProgressDisplayTest {
    private static final String ERASE = "\r\u001b[K";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private ProgressDisplay display(boolean terminal, int width) {
        return new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, true, () -> "ftrun: ", () -> width);
    }

    private String shown(boolean terminal, FileEvents.TransferProgress... reports) {
        ProgressDisplay d = display(terminal, 80);
        for (FileEvents.TransferProgress p : reports) d.update(p);
        return shown();
    }

    private String shown() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The progress line as the terminal shows it now: what the last carriage return began. */
    private String screenLine() {
        String out = shown();
        return out.substring(out.lastIndexOf('\r') + 1).replace("\u001b[K", "");
    }

    private static FileEvents.TransferProgress at(String name, long done, long total) {
        return at(1, name, done, total, Duration.ofSeconds(3));
    }

    private static FileEvents.TransferProgress at(long connection, String name, long done, long total, Duration eta) {
        return new FileEvents.TransferProgress(Instant.EPOCH, "c", connection, "send", name, done, total, 2 << 20, done < total ? eta : null);
    }

    @Test
    void plainLinesOnlyForFilesUnderWay() {
        String out = shown(false, at("small.pdf", 4096, 4096), at("big.iso", 3L << 30, 8L << 30), at("big.iso", 8L << 30, 8L << 30),
                at("stream", 1536, -1));
        assertEquals("ftrun: sending big.iso: 38%, 3.0 GiB of 8.0 GiB (2.0 MiB/s, ETA 3s)\n"
                + "ftrun: sending stream: 1.5 KiB (2.0 MiB/s)\n", out);
    }

    @Test
    void plainLinesTellTheTimeLeftAsPeopleDo() {
        String out = shown(false, at(1, "big.iso", 3L << 30, 8L << 30, Duration.ofSeconds(3725)));
        assertEquals("ftrun: sending big.iso: 38%, 3.0 GiB of 8.0 GiB (2.0 MiB/s, ETA 1h03m)\n", out);
    }

    /** Under --timestamps a plain line starts as the log's lines do, with the time. */
    @Test
    void plainLinesStartAsTheLogsDo() {
        new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, true, () -> "2026-03-01T14:02:03.456 ftrun: ", () -> 80)
                .update(at("stream", 1536, -1));
        assertEquals("2026-03-01T14:02:03.456 ftrun: sending stream: 1.5 KiB (2.0 MiB/s)\n", shown());
    }

    /** A finished file's line is erased, not left behind: its "sent" line, which follows, says it. */
    @Test
    void aTerminalRedrawsOneLineInPlaceAndErasesItAtTheEnd() {
        String out = shown(true, at("small.pdf", 1024, 4096), at("small.pdf", 2048, 4096), at("small.pdf", 4096, 4096));
        assertEquals("\r[#####               ]  25.0% small.pdf 1.0 KiB of 4.0 KiB, 2.0 MiB/s, ETA 3s\u001b[K"
                + "\r[##########          ]  50.0% small.pdf 2.0 KiB of 4.0 KiB, 2.0 MiB/s, ETA 3s\u001b[K" + ERASE, out);
    }

    /** At 80 columns a long name takes the bar's room, and is shortened in its middle to what is left. */
    @Test
    void aLongNameIsShortenedInItsMiddleSoTheLineNeverWraps() {
        String name = "backups/" + "very-long-directory-name/".repeat(4) + "project-2026-03-01.tar.gz";
        ProgressDisplay d = display(true, 80);
        d.update(at(name, 1 << 20, 4 << 20));
        assertEquals(" 25.0% backups/very-l...26-03-01.tar.gz 1.0 MiB of 4.0 MiB, 2.0 MiB/s, ETA 3s", screenLine());
        assertEquals(80 - ProgressDisplay.MARGIN, screenLine().length());
        bytes.reset();
        display(true, 120).update(at(name, 1 << 20, 4 << 20));
        assertEquals("[#####               ]  25.0% backups/very-long-direc...oject-2026-03-01.tar.gz 1.0 MiB of 4.0 MiB, 2.0 MiB/s, ETA 3s",
                screenLine());
        assertEquals(120 - ProgressDisplay.MARGIN, screenLine().length());
    }

    @Test
    void aNarrowTerminalCutsTheLineToItsWidth() {
        ProgressDisplay d = display(true, 30);
        d.update(at("report.pdf", 1 << 20, 4 << 20));
        assertEquals(" 25.0% report.pdf 1.0 MiB o", screenLine());
    }

    /** clients(3): one line for them all, not three lines overwriting each other; the ETA is the last one's. */
    @Test
    void transfersAtOnceShareOneLine() {
        ProgressDisplay d = display(true, 100);
        d.update(at(1, "a.bin", 4 << 20, 8 << 20, Duration.ofSeconds(2)));
        d.update(at(2, "b.bin", 2 << 20, 8 << 20, Duration.ofSeconds(185)));
        d.update(at(3, "c.bin", 0, 8 << 20, null));
        assertEquals("[#####               ]  25.0% 3 transfers, 6.0 MiB of 24.0 MiB, 6.0 MiB/s, ETA 3m05s", screenLine());
        d.update(at(1, "a.bin", 8 << 20, 8 << 20, null));
        assertEquals("[###                 ]  12.5% 2 transfers, 2.0 MiB of 16.0 MiB, 4.0 MiB/s, ETA 3m05s", screenLine());
        d.update(at(2, "b.bin", 8 << 20, 8 << 20, null));
        assertEquals("[                    ]   0.0% c.bin 0 B of 8.0 MiB, 2.0 MiB/s", screenLine());
        assertFalse(shown().contains("\n"), "redrawn in place:\n" + shown());
    }

    /** The log's lines each start on a line of their own, the progress line drawn again below them. */
    @Test
    void otherTextReplacesTheLineAndItIsDrawnAgainAfter() {
        ProgressDisplay d = display(true, 80);
        d.update(at("a.bin", 1024, 4096));
        bytes.reset();
        byte[] log = "ftrun: SIGINT received: stopping\n".getBytes(StandardCharsets.UTF_8);
        d.text(log, 0, 20);
        d.update(at("a.bin", 2048, 4096)); // not drawn in the middle of the log's line
        d.text(log, 20, log.length - 20);
        assertEquals(ERASE + "ftrun: SIGINT received: stopping\n"
                + "\r[##########          ]  50.0% a.bin 2.0 KiB of 4.0 KiB, 2.0 MiB/s, ETA 3s\u001b[K", shown());
    }

    @Test
    void aClosedConnectionTellsHowFarItsTransferGot() {
        ProgressDisplay d = display(true, 80);
        d.update(at(7, "a.bin", 1024, 4096, Duration.ofSeconds(3)));
        assertNull(d.closed("c", 8));
        assertEquals(1024, d.closed("c", 7).bytes());
        assertTrue(shown().endsWith(ERASE), shown());
        assertNull(d.closed("c", 7), "told once");
    }

    @Test
    void aFileWithItsOutcomeIsNoLongerUnderWay() {
        ProgressDisplay d = display(true, 80);
        d.update(at("a.bin", 1024, 4096));
        d.ended("c", 1, "b.bin");
        assertFalse(shown().endsWith(ERASE), "another file's outcome");
        d.ended("c", 1, "a.bin");
        assertTrue(shown().endsWith(ERASE), shown());
    }

    @Test
    void theEndLeavesAnEmptyLineForTheShell() {
        ProgressDisplay d = display(true, 80);
        d.update(at("a.bin", 1024, 4096));
        d.end();
        assertTrue(shown().endsWith(ERASE), shown());
    }
}
