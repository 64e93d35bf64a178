package io.ftrun.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When a connection's next {@code progress} event is due: at most one per interval, whichever of the reading and
 * the writing thread asks first (one compare-and-set decides). Time comes from a clock of nanoseconds, so a test
 * moves it instead of sleeping. An interval of zero never ticks.
 */
final class ProgressTicker {
    private final LongSupplier clock;
    private final long intervalNanos;
    private final AtomicLong next;

    ProgressTicker(LongSupplier clock, Duration interval) {
        this.clock = clock;
        this.intervalNanos = interval.toNanos();
        this.next = new AtomicLong(clock.getAsLong() + intervalNanos);
    }

    boolean enabled() {
        return intervalNanos > 0;
    }

    /** True for exactly one caller once the interval has passed since the last tick (or the start). */
    boolean due() {
        if (intervalNanos <= 0) return false;
        long n = next.get();
        long now = clock.getAsLong();
        return now - n >= 0 && next.compareAndSet(n, now + intervalNanos);
    }
}
