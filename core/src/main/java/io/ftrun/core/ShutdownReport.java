package io.ftrun.core;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * What a graceful shutdown did: connections that finished within the grace period, and those that had to be
 * aborted after it.
 */
public record ShutdownReport(String server, int drained, List<Aborted> aborted, Duration took) {
    public ShutdownReport {
        aborted = List.copyOf(aborted);
    }

    /** A connection cut off at the deadline. */
    public record Aborted(long id, InetSocketAddress remote, long bytesIn, long bytesOut) {
    }

    public boolean clean() {
        return aborted.isEmpty();
    }
}
