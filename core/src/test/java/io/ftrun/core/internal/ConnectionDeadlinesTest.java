package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection's deadlines on a clock the test moves: no sleeping, no sockets, every rule at its edge. */
class ConnectionDeadlinesTest {
    private final AtomicLong now = new AtomicLong(-5_000); // near zero, and negative: the arithmetic must wrap safely
    private final Deadlines d = new Deadlines(now::get, Duration.ofMillis(100));

    private CloseReason at(long nanos) {
        now.set(nanos);
        return d.overdue(nanos, 0);
    }

    @Test
    void aWriteHasItsTimeoutAgainWheneverItProgresses() {
        assertTrue(d.writesTimed());
        d.armWrite();
        assertNull(at(-5_000 + 100_000_000), "not past the deadline yet");
        d.armWrite(); // progress
        assertNull(at(-5_000 + 150_000_000));
        assertEquals(CloseReason.WRITE_TIMEOUT, at(-5_000 + 200_000_001));
        d.clearWrite();
        assertNull(at(Long.MAX_VALUE / 2), "no write in progress, no deadline");
    }

    @Test
    void ourOwnRateLimitWaitDoesNotCountAgainstTheWrite() {
        d.armWrite();
        assertTrue(d.pauseWrite());
        assertNull(at(1_000_000_000), "paused while our limiter holds the write back");
        d.armWrite();
        assertNull(at(1_050_000_000));
        assertEquals(CloseReason.WRITE_TIMEOUT, at(1_100_000_001));
        assertFalse(new Deadlines(now::get, Duration.ZERO).writesTimed(), "writeTimeout 0: no deadline at all");
    }

    @Test
    void aHeaderAndAHandshakeHaveDeadlinesThatBytesDoNotMove() {
        d.headerWithin(Duration.ofSeconds(5));
        assertEquals(5000, d.headerMillis());
        assertNull(at(4_000_000_000L));
        assertEquals(CloseReason.HEADER_TIMEOUT, at(5_000_000_000L));
        d.clearHeader();
        d.handshakeWithin(Duration.ofSeconds(1));
        assertEquals(CloseReason.TLS_FAILED, at(now.get() + 1_000_000_001L));
        d.clearHandshake();
        assertNull(at(now.get() + 10_000_000_000L));
    }

    @Test
    void belowTheMinimumRateAfterTheGraceIsTooSlow() {
        now.set(0);
        d.minRate(1000, Duration.ofSeconds(10), 500); // 500 bytes read before the rule starts
        assertNull(d.overdue(9_000_000_000L, 500), "within the grace, nothing counts");
        assertNull(d.overdue(12_000_000_000L, 500 + 2000), "2000 bytes in 2 s after the grace: 1000 B/s");
        assertEquals(CloseReason.TOO_SLOW, d.overdue(12_000_000_000L, 500 + 1999));
        d.excuse(1_000_000_000L); // our limiter held reads back for 1 s: that second is not the peer's
        assertNull(d.overdue(12_000_000_000L, 500 + 1000));
        d.minRate(0, Duration.ZERO, 0);
        assertNull(d.overdue(100_000_000_000L, 0), "off");
    }
}
