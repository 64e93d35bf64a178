package io.ftrun.core.internal;

import java.time.Duration;

/** SO_TIMEOUT speaks int milliseconds, where 0 means "wait forever"; ftrun's durations do too (zero is off). */
final class SocketTimeouts {
    private SocketTimeouts() {
    }

    /** Zero stays zero (no timeout); anything else is at least 1 ms, so a tiny timeout never turns into none. */
    static int millis(Duration d) {
        return d.isZero() ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
