package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One connection's deadlines, which the {@link Watchdog} checks: a write that does not progress, a TLS handshake
 * or a protocol header that does not finish in time, and a peer below the minimum read rate. (The idle timeout
 * is the socket's own SO_TIMEOUT: a blocked read wakes by itself.) Only state and arithmetic: time comes from a
 * clock of nanoseconds, so a test moves it instead of sleeping. A deadline of 0 is unset.
 */
final class Deadlines {
    private final LongSupplier clock;
    private final long writeTimeoutNanos;
    private volatile long write;
    private volatile long handshake;
    private volatile long header;
    private volatile long headerMillis;
    /** Minimum read rate: bytes per second (0 = off), counted from {@link #rateSince} on, from {@link #rateBytes}. */
    private volatile long minRate;
    private volatile long rateSince;
    private volatile long rateBytes;

    Deadlines(LongSupplier clock, Duration writeTimeout) {
        this.clock = clock;
        this.writeTimeoutNanos = writeTimeout.toNanos();
    }

    long now() {
        return clock.getAsLong();
    }

    /** True when writes have a deadline at all (then the connection must be watched from the start). */
    boolean writesTimed() {
        return writeTimeoutNanos > 0;
    }

    Duration writeTimeout() {
        return Duration.ofNanos(writeTimeoutNanos);
    }

    /** A write starts or progressed: it has the whole write timeout again. */
    void armWrite() {
        if (writeTimeoutNanos > 0) write = at(now() + writeTimeoutNanos);
    }

    void clearWrite() {
        write = 0;
    }

    /** Suspends the write deadline (while our own rate limit holds the write back); true if one was armed. */
    boolean pauseWrite() {
        boolean armed = write != 0;
        write = 0;
        return armed;
    }

    void handshakeWithin(Duration d) {
        handshake = at(now() + d.toNanos());
    }

    void clearHandshake() {
        handshake = 0;
    }

    void headerWithin(Duration d) {
        headerMillis = d.toMillis();
        header = at(now() + d.toNanos());
    }

    void clearHeader() {
        header = 0;
    }

    long headerMillis() {
        return headerMillis;
    }

    /** From {@code grace} on, the peer must average {@code bytesPerSecond}, counted from {@code bytesInNow}; 0 turns it off. */
    void minRate(long bytesPerSecond, Duration grace, long bytesInNow) {
        if (bytesPerSecond <= 0) {
            minRate = 0;
            return;
        }
        rateBytes = bytesInNow;
        rateSince = now() + grace.toNanos();
        minRate = bytesPerSecond;
    }

    long minRate() {
        return minRate;
    }

    /** Time our own side held reads back (a rate limit) is not the peer being slow. */
    synchronized void excuse(long nanos) { // reads and writes may be charged from two threads
        if (minRate > 0) rateSince += nanos;
    }

    /** Why the connection must be cut off at {@code now}, having read {@code bytesIn} in all; null while none is due. */
    CloseReason overdue(long now, long bytesIn) {
        long w = write;
        if (w != 0 && now - w > 0) return CloseReason.WRITE_TIMEOUT;
        long h = handshake;
        if (h != 0 && now - h > 0) return CloseReason.TLS_FAILED;
        long r = header;
        if (r != 0 && now - r > 0) return CloseReason.HEADER_TIMEOUT;
        long rate = minRate;
        if (rate > 0) {
            long counted = now - rateSince;
            if (counted > 0 && (bytesIn - rateBytes) < rate * (counted / 1e9)) return CloseReason.TOO_SLOW;
        }
        return null;
    }

    /**
     * What a read or write on a socket the watchdog closed should say: why it was cut off ({@code cut}, which may
     * be null), instead of the bare "socket closed" the JDK throws.
     */
    IOException explain(CloseReason cut, IOException e) {
        if (cut == null) return e;
        return switch (cut) {
            case WRITE_TIMEOUT -> new SocketTimeoutException("write timed out: the peer did not read for " + writeTimeout().toMillis() + " ms");
            case SHUTDOWN_ABORTED -> new InterruptedIOException("connection aborted by server shutdown");
            case HEADER_TIMEOUT -> new SocketTimeoutException("the peer did not send a complete header within " + headerMillis + " ms");
            case TOO_SLOW -> new SocketTimeoutException("the peer sent data below the minimum rate of " + minRate + " bytes/s");
            default -> e;
        };
    }

    /** 0 means unset, so a deadline that falls on 0 exactly moves by a nanosecond. */
    private static long at(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }
}
