package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** File slices follow the tightest limit; a charge leaves the write deadline armed as it found it, a read's untouched. */
class ThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final Deadlines deadlines = new Deadlines(now::get, Duration.ofSeconds(1));
    private final Throttle throttle = new Throttle(deadlines);

    @Test
    void fileSlicesAreAQuarterSecondOfTheTightestLimit() {
        assertEquals(8L << 20, throttle.fileSlice(), "no limit: 8 MiB");
        throttle.limit(new RateLimiter(4L << 20), new RateLimiter(1L << 20));
        assertEquals(256L << 10, throttle.fileSlice());
        throttle.limit(new RateLimiter(1000));
        assertEquals(16L << 10, throttle.fileSlice(), "never below 16 KiB");
    }

    @Test
    void aChargeKeepsTheWriteDeadlineArmedAndRestartsIt() throws Exception {
        throttle.limit(new RateLimiter(1L << 30)); // a few bytes never wait for a bucket this large
        deadlines.armWrite();
        now.set(900_000_000L);
        throttle.charge(10);
        assertNull(deadlines.overdue(1_800_000_000L, 0), "re-armed at the charge: a second from 0.9 s");
        assertEquals(CloseReason.WRITE_TIMEOUT, deadlines.overdue(1_900_000_001L, 0));
        deadlines.clearWrite();
        throttle.charge(10);
        assertNull(deadlines.overdue(Long.MAX_VALUE / 2, 0), "no write in progress: the charge arms nothing");
    }

    /**
     * Reads are charged on the answer reader's thread while a write may be blocked on the sending one: a read's
     * charge leaves the write deadline as it was, neither moving a blocked write's nor arming one for no write.
     */
    @Test
    void aReadChargeLeavesTheWriteDeadlineAlone() throws Exception {
        throttle.limit(new RateLimiter(1L << 30));
        deadlines.armWrite(); // a write blocked since 0
        now.set(900_000_000L);
        throttle.chargeRead(10);
        assertEquals(CloseReason.WRITE_TIMEOUT, deadlines.overdue(1_000_000_001L, 0), "still a second from 0, not from 0.9 s");
        deadlines.clearWrite();
        throttle.chargeRead(10);
        assertNull(deadlines.overdue(Long.MAX_VALUE / 2, 0));
    }
}
