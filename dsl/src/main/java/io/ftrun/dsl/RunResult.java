package io.ftrun.dsl;

import io.ftrun.core.ShutdownReport;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a script run: each client's result, the failures ({@code script.groovy:LINE: what}), and what
 * each server's shutdown did. {@link #ok()} is what the exit code 0 means.
 */
public record RunResult(List<ClientResult> clients, List<String> failures, List<ShutdownReport> shutdowns, Duration took) {
    public RunResult {
        clients = List.copyOf(clients);
        failures = List.copyOf(failures);
        shutdowns = List.copyOf(shutdowns);
    }

    public boolean ok() {
        return failures.isEmpty();
    }
}
