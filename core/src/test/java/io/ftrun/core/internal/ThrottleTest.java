package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** File slices follow the tightest limit; a charge leaves the write deadline armed as it found it. */
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
}
