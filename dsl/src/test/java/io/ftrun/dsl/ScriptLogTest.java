package io.ftrun.dsl;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log's sinks: the console's lines, and a {@link System.Logger} that gets the levels and decides what it shows. */
class ScriptLogTest {
    @Test
    void aSystemLoggerGetsEachLevelAsItsOwnAndDecidesWhatItShows() {
        RecordingLogger logger = new RecordingLogger(System.Logger.Level.INFO);
        ScriptLog log = ScriptLog.to(logger);
        log.error("the mirror did not answer");
        log.warn("the disk is nearly full");
        log.info("sent a\u001b[31mb {0} {}");
        log.debug("not shown: the logger is at INFO");
        assertEquals(List.of("ERROR the mirror did not answer", "WARNING the disk is nearly full", "INFO sent a\\x1b[31mb {0} {}"),
                logger.lines, "levels of the same names, no 'ftrun: warn:' in the text, control characters neutralised");
        assertTrue(log.enabled(ScriptLog.Level.INFO));
        assertFalse(log.enabled(ScriptLog.Level.DEBUG), "what the logger does not show is not even built");

        RecordingLogger all = new RecordingLogger(System.Logger.Level.ALL);
        ScriptLog.to(all).debug("shown");
        assertEquals(List.of("DEBUG shown"), all.lines);
    }

    @Test
    void theConsoleSinkPrintsAsTheCommandLineAlwaysHas() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScriptLog log = new ScriptLog(new PrintStream(out, true, StandardCharsets.UTF_8), ScriptLog.Level.INFO);
        log.error("e");
        log.warn("w");
        log.info("i");
        log.debug("d");
        assertEquals("ftrun: error: e\nftrun: warn: w\nftrun: i\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anyOtherSinkGetsTheLevelAndTheBareMessageAboveTheThreshold() {
        List<String> got = new CopyOnWriteArrayList<>();
        ScriptLog log = new ScriptLog((level, message) -> got.add(level + "|" + message), ScriptLog.Level.WARN);
        log.warn("w");
        log.info("hidden by the threshold");
        log.error("e");
        assertEquals(List.of("WARN|w", "ERROR|e"), got);
    }
}
