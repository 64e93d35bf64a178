package io.ftrun.dsl.internal;

import io.ftrun.core.files.FileEvents;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Off a terminal, a plain line per report of a file under way; a finished file is left to its "sent" line. */
class ProgressDisplayTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String shown(boolean terminal, FileEvents.TransferProgress... reports) {
        ProgressDisplay d = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, true);
        for (FileEvents.TransferProgress p : reports) d.update(p);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static FileEvents.TransferProgress at(String name, long done, long total) {
        return new FileEvents.TransferProgress(Instant.EPOCH, "c", 1, "send", name, done, total, 2 << 20, done < total ? Duration.ofSeconds(3) : null);
    }

    @Test
    void plainLinesOnlyForFilesUnderWay() {
        String out = shown(false, at("small.pdf", 4096, 4096), at("big.iso", 3L << 30, 8L << 30), at("big.iso", 8L << 30, 8L << 30),
                at("stream", 1536, -1));
        assertEquals("ftrun: sending big.iso: 38%, 3.0 GiB of 8.0 GiB (2.0 MiB/s, ETA 3s)\n"
                + "ftrun: sending stream: 1.5 KiB (2.0 MiB/s)\n", out);
    }

    /** Under --timestamps a plain line starts as the log's lines do, with the time. */
    @Test
    void plainLinesStartAsTheLogsDo() {
        new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, true, () -> "2026-03-01T14:02:03.456 ftrun: ")
                .update(at("stream", 1536, -1));
        assertEquals("2026-03-01T14:02:03.456 ftrun: sending stream: 1.5 KiB (2.0 MiB/s)\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTerminalDrawsTheBarToTheEnd() {
        String out = shown(true, at("small.pdf", 2048, 4096), at("small.pdf", 4096, 4096));
        assertTrue(out.contains("\r[##########          ]  50.0% small.pdf 2.0 KiB of 4.0 KiB, 2.0 MiB/s, ETA 3s\u001b[K"), out);
        assertTrue(out.endsWith("\r[####################] 100.0% small.pdf 4.0 KiB of 4.0 KiB, 2.0 MiB/s\u001b[K\n"), out);
    }
}
