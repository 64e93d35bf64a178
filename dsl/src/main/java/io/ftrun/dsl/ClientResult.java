package io.ftrun.dsl;

import java.time.Duration;
import java.util.List;

/**
 * What one client did: passed to {@code afterClients { results -> }} and summed up by the runner.
 *
 * @param problem  null when every step succeeded, else where and why it failed
 * @param received the messages the client read, as text
 * @param files    the files the client sent (and, with the framed protocol, the receiver confirmed)
 */
public record ClientResult(String name, int index, ScriptProblem problem, long bytesOut, long bytesIn,
                           List<String> received, List<String> files, Duration took) {
    public ClientResult {
        received = List.copyOf(received);
        files = List.copyOf(files);
    }

    public boolean ok() {
        return problem == null;
    }

    /** For scripts ({@code it.ok}). */
    public boolean isOk() {
        return ok();
    }

    /** Null when it succeeded, else {@code script.groovy:LINE: client 'name' step: what failed}; in scripts {@code it.error}. */
    public String error() {
        return problem == null ? null : problem.located();
    }

    public String getError() {
        return error();
    }
}
