package io.ftrun.dsl.embed;

import java.time.Duration;
import java.util.List;

/**
 * What one server did, summed from the engine's events.
 *
 * @param connections connections served (refused ones are counted apart)
 * @param files       the files it stored, by their final names (relative to the receiver's directory)
 * @param failures    transfers that failed, files rejected, connections that ended abnormally, server errors
 * @param aborted     connections cut off at shutdown because the grace period ran out
 * @param duration    from listening to stopped (or until now, while it runs)
 */
public record ServerReport(String name, int port, int connections, int refused, long bytesIn, long bytesOut, List<String> files,
                           List<String> failures, int aborted, Duration duration) {
    public ServerReport {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
