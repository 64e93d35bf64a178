package io.ftrun.dsl.embed;

import io.ftrun.core.stats.ServerStats;
import io.ftrun.dsl.RunResult;

import java.time.Duration;
import java.util.List;

/**
 * What one server did, summed from the engine's events by {@link ServerStats}: the figures {@code /metrics} shows.
 *
 * @param connections connections served (refused ones are counted apart)
 * @param files       the files it stored, by their final names (relative to the receiver's directory); the first
 *                    {@value ServerStats#KEEP}
 * @param failures    transfers that failed, files rejected, connections that ended abnormally, server errors; the
 *                    first {@value ServerStats#KEEP}, then a line saying how many more
 * @param aborted     connections cut off at shutdown because the grace period ran out
 * @param duration    from listening to stopped (or until now, while it runs)
 */
public record ServerReport(String name, int port, int connections, int refused, long bytesIn, long bytesOut, List<String> files,
                           List<String> failures, int aborted, Duration duration) {
    public ServerReport {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
    }

    static ServerReport of(ServerStats.Snapshot s, int aborted) {
        return new ServerReport(s.name(), s.port(), (int) s.connections(), (int) s.refused(), s.bytesIn(), s.bytesOut(), s.fileNames(),
                RunResult.serverFailures(s), aborted, s.up());
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
