package io.ftrun.core.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress events at most once per interval, on a clock the test moves. */
class ProgressTickerTest {
    @Test
    void oneTickPerIntervalForWhoeverAsksFirst() {
        AtomicLong now = new AtomicLong(Long.MAX_VALUE - 700_000_000L); // wraps around during the test
        ProgressTicker t = new ProgressTicker(now::get, Duration.ofMillis(500));
        assertTrue(t.enabled());
        assertFalse(t.due(), "not before the first interval has passed");
        now.addAndGet(499_999_999L);
        assertFalse(t.due());
        now.addAndGet(1);
        assertTrue(t.due(), "the reader, say");
        assertFalse(t.due(), "the writer, a moment later: not again in the same interval");
        now.addAndGet(500_000_000L);
        assertTrue(t.due());
    }

    @Test
    void aZeroIntervalNeverTicks() {
        AtomicLong now = new AtomicLong();
        ProgressTicker t = new ProgressTicker(now::get, Duration.ZERO);
        assertFalse(t.enabled());
        now.addAndGet(Long.MAX_VALUE / 2);
        assertFalse(t.due());
    }
}
