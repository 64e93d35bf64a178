package io.ftrun.core.internal;

import java.io.IOException;

/**
 * The rate limits a connection's bytes are charged to, reads and writes together (its own bucket, and one its
 * server shares among all connections). Time spent waiting for a bucket is ours, not the peer's: the write
 * deadline is suspended meanwhile and the minimum read rate excuses it ({@link Deadlines}).
 */
final class Throttle {
    /** Files are sent in slices of this size so the write deadline advances with progress. */
    private static final long FILE_SLICE = 8L << 20;

    private final Deadlines deadlines;
    private volatile RateLimiter[] limiters = new RateLimiter[0];

    Throttle(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    /** Set before the handler runs; null buckets (a limit that is off) are left out. */
    void limit(RateLimiter... buckets) {
        limiters = java.util.Arrays.stream(buckets).filter(java.util.Objects::nonNull).toArray(RateLimiter[]::new);
    }

    /** Charges {@code bytes} moved to every bucket, waiting as long as they say. */
    void charge(long bytes) throws IOException {
        RateLimiter[] ls = limiters;
        if (ls.length == 0 || bytes <= 0) return;
        boolean armed = deadlines.pauseWrite();
        long t0 = deadlines.now();
        for (RateLimiter l : ls) l.consume(bytes);
        deadlines.excuse(deadlines.now() - t0);
        if (armed) deadlines.armWrite();
    }

    /**
     * Charges {@code bytes} read: the same buckets, but the write deadline is left alone, since a write may be in
     * progress on another thread (a sender's answers are read on a thread of their own).
     */
    void chargeRead(long bytes) throws IOException {
        RateLimiter[] ls = limiters;
        if (ls.length == 0 || bytes <= 0) return;
        long t0 = deadlines.now();
        for (RateLimiter l : ls) l.consume(bytes);
        deadlines.excuse(deadlines.now() - t0);
    }

    /** How much of a file to send at once: under a rate limit about a quarter second's worth keeps the flow even. */
    long fileSlice() {
        long slice = FILE_SLICE;
        for (RateLimiter l : limiters) slice = Math.min(slice, Math.max(16 * 1024, l.bytesPerSecond() / 4));
        return slice;
    }
}
