package io.ftrun.dsl;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When a watched file counts as complete: times are given, so no test here sleeps. */
class StableFilesTest {
    private static final long MS = 1_000_000L;
    private final StableFiles files = new StableFiles(Duration.ofMillis(500));
    private final Path a = Path.of("scans/a.pdf");

    @Test
    void aFileIsReadyOnlyOnceItHasNotChangedForTheStablePeriod() {
        files.seen("a.pdf", a, 10, 1, 0);
        assertEquals(Map.of(), files.ready(499 * MS));
        assertEquals(Map.of("a.pdf", a), files.ready(500 * MS));
    }

    @Test
    void aFileThatKeepsGrowingIsNeverReady() {
        for (int t = 0; t < 5000; t += 100) {
            files.seen("a.pdf", a, t, t, t * MS); // a writer appending every 100 ms
            assertEquals(Map.of(), files.ready(t * MS + 99 * MS), "at " + t + " ms");
        }
        assertEquals(Map.of("a.pdf", a), files.ready(4900 * MS + 500 * MS));
    }

    @Test
    void seeingTheSameSizeAndTimeAgainDoesNotRestartTheWait() {
        files.seen("a.pdf", a, 10, 1, 0);
        files.seen("a.pdf", a, 10, 1, 400 * MS);
        assertEquals(Map.of("a.pdf", a), files.ready(500 * MS));
    }

    @Test
    void aNewTimeWithTheSameSizeRestartsTheWait() {
        files.seen("a.pdf", a, 10, 1, 0);
        files.seen("a.pdf", a, 10, 2, 400 * MS); // rewritten in place, same length
        assertEquals(Map.of(), files.ready(800 * MS));
        assertEquals(Map.of("a.pdf", a), files.ready(900 * MS));
    }

    @Test
    void aSentFileWaitsForItsNextChangeAndAGoneOneIsForgotten() {
        Path b = Path.of("scans/b.pdf");
        files.seen("a.pdf", a, 10, 1, 0);
        files.seen("b.pdf", b, 10, 1, 0);
        files.done("a.pdf");
        files.gone("b.pdf");
        assertEquals(Map.of(), files.ready(10_000 * MS));
        assertEquals(0, files.waiting());
        files.seen("a.pdf", a, 11, 2, 10_000 * MS);
        assertEquals(Map.of("a.pdf", a), files.ready(10_500 * MS));
    }
}
