package io.ftrun.core.files;

import io.ftrun.core.Connection;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts one transfer's bytes and reports {@link FileEvents.TransferProgress} at most once per interval (and at
 * the end), to the connection's listeners and an optional {@link ProgressListener}. The rate is the average since
 * this transfer started, excluding a resumed prefix, so the ETA is honest after a resume.
 */
final class ProgressMeter {
    private final Connection connection;
    private final String direction;
    private final String name;
    private final long total;
    private final long startBytes;
    private final long intervalNanos;
    private final ProgressListener listener;
    private final long startNanos = System.nanoTime();
    private long bytes;
    private long lastReport;

    ProgressMeter(Connection connection, String direction, String name, long total, long startBytes,
                  Duration interval, ProgressListener listener) {
        this.connection = connection;
        this.direction = direction;
        this.name = name;
        this.total = total;
        this.startBytes = startBytes;
        this.bytes = startBytes;
        this.intervalNanos = interval.toNanos();
        this.listener = listener;
        this.lastReport = startNanos;
    }

    long bytes() {
        return bytes;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    void advance(long n) {
        bytes += n;
        if (intervalNanos > 0) {
            long now = System.nanoTime();
            if (now - lastReport >= intervalNanos) {
                lastReport = now;
                report(now);
            }
        }
    }

    /** Reports the final state (bytes as they are now). */
    void finish() {
        report(System.nanoTime());
    }

    /** Restarts the count (a resume the sender declined: the prefix is sent again). */
    void restartAt(long b) {
        this.bytes = b;
    }

    private void report(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = (bytes - startBytes) / seconds;
        Duration eta = null;
        if (total >= 0 && rate > 0) eta = Duration.ofMillis((long) Math.ceil(Math.max(0, total - bytes) / rate * 1000));
        if (total >= 0 && bytes >= total) eta = Duration.ZERO;
        FileEvents.TransferProgress p = new FileEvents.TransferProgress(Instant.now(), connection.owner(), connection.id(),
                direction, name, bytes, total, rate, eta);
        connection.emit(p);
        if (listener != null) {
            try {
                listener.onProgress(p);
            } catch (RuntimeException ignored) {
                // a failing progress display must not break the transfer
            }
        }
    }
}
