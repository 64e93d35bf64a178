package io.ftrun.dsl.embed;

import io.ftrun.dsl.ClientResult;

import java.time.Duration;
import java.util.List;

/**
 * What one client did.
 *
 * @param files    the files it sent (confirmed by the receiver with the framed protocol)
 * @param failures empty when every step succeeded, else {@code script.groovy:LINE: what failed}
 */
public record ClientReport(String name, int index, long bytesOut, long bytesIn, List<String> files, List<String> failures,
                           Duration duration) {
    public ClientReport {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
    }

    static ClientReport of(ClientResult r) {
        return new ClientReport(r.name(), r.index(), r.bytesOut(), r.bytesIn(), r.files(),
                r.ok() ? List.of() : List.of(r.error() == null ? r.name() + " failed" : r.error()), r.took());
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
