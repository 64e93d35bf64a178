package io.ftrun.core.internal;

import java.io.InterruptedIOException;

/**
 * A token bucket for bytes per second. Callers report bytes after moving them and wait until the bucket is out of
 * debt, so one large read or write never has to be split to be limited, and a burst is at most one second's worth.
 * Thread-safe: one bucket may be shared by all connections of a server (the overall limit).
 */
public final class RateLimiter {
    private final long bytesPerSecond;
    private final long capacity;
    private double tokens;
    private long last;
    private boolean started;

    public RateLimiter(long bytesPerSecond) {
        if (bytesPerSecond <= 0) throw new IllegalArgumentException("a rate limit must be positive, was " + bytesPerSecond);
        this.bytesPerSecond = bytesPerSecond;
        this.capacity = bytesPerSecond; // at most one second of credit saved up while idle
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Records {@code bytes} moved and sleeps as long as the bucket is in debt. */
    public void consume(long bytes) throws InterruptedIOException {
        long waitNanos;
        synchronized (this) {
            refill();
            tokens -= bytes;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / bytesPerSecond);
        }
        if (waitNanos <= 0) return;
        try {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while held back by a rate limit");
        }
    }

    /**
     * Credit grows from the first use on, not from creation: a connection that spent a while on its handshake
     * does not start with a free second's burst. Later pauses do save up credit, one second's worth at most.
     */
    private void refill() {
        long now = System.nanoTime();
        if (started) tokens = Math.min(capacity, tokens + (now - last) * (double) bytesPerSecond / 1e9);
        started = true;
        last = now;
    }
}
