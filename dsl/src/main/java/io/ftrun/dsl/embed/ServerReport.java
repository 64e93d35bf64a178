package io.ftrun.dsl.embed;

import io.ftrun.core.stats.ServerStats;
import io.ftrun.dsl.ScriptProblem;

import java.time.Duration;
import java.util.List;

/**
 * What one server did, summed from the engine's events by {@link ServerStats}: the figures {@code /metrics} shows.
 *
 * @param connections connections served (refused ones are counted apart)
 * @param files       the files it stored, by their final names (relative to the receiver's directory); the first
 *                    {@value ServerStats#KEEP}
 * @param problems    transfers that failed, files rejected, handler errors, connections aborted at shutdown; the
 *                    first {@value ServerStats#KEEP}, then one saying how many more
 * @param aborted     connections cut off at shutdown because the grace period ran out
 * @param duration    from listening to stopped (or until now, while it runs)
 */
public record ServerReport(String name, int port, int connections, int refused, long bytesIn, long bytesOut, List<String> files,
                           List<ScriptProblem> problems, int aborted, Duration duration) {
    public ServerReport {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    static ServerReport of(ServerStats.Snapshot s, List<ScriptProblem> problems, int aborted) {
        return new ServerReport(s.name(), s.port(), (int) s.connections(), (int) s.refused(), s.bytesIn(), s.bytesOut(), s.fileNames(),
                problems, aborted, s.up());
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
