package io.ftrun.dsl.embed;

import io.ftrun.dsl.ClientResult;
import io.ftrun.dsl.ScriptProblem;

import java.time.Duration;
import java.util.List;

/**
 * What one client did.
 *
 * @param files    the files it sent (confirmed by the receiver with the framed protocol)
 * @param problems empty when every step succeeded, else where and why it failed
 */
public record ClientReport(String name, int index, long bytesOut, long bytesIn, List<String> files, List<ScriptProblem> problems,
                           Duration duration) {
    public ClientReport {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    static ClientReport of(ClientResult r) {
        return new ClientReport(r.name(), r.index(), r.bytesOut(), r.bytesIn(), r.files(),
                r.ok() ? List.of() : List.of(r.problem()), r.took());
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
