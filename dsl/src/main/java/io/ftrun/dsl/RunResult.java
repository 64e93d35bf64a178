package io.ftrun.dsl;

import io.ftrun.core.ShutdownReport;
import io.ftrun.core.stats.ServerStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a script run: each client's result, the script's own failures ({@code script.groovy:LINE: what}
 * from clients and {@code afterClients}), what each server did, and what each server's shutdown did.
 * {@link #ok()} is false when anything failed, on either side: it is what exit code 0 means on the command line
 * and what {@code RunReport.ok()} means to an embedding program.
 */
public record RunResult(List<ClientResult> clients, List<String> scriptFailures, List<ServerStats.Snapshot> servers,
                        List<ShutdownReport> shutdowns, Duration took) {
    public RunResult {
        clients = List.copyOf(clients);
        scriptFailures = List.copyOf(scriptFailures);
        servers = List.copyOf(servers);
        shutdowns = List.copyOf(shutdowns);
    }

    /** Every failure: the script's first, then each server's ({@code server 'inbox': what}). */
    public List<String> failures() {
        List<String> all = new ArrayList<>(scriptFailures);
        for (ServerStats.Snapshot s : servers) {
            for (String f : serverFailures(s)) all.add("server '" + s.name() + "': " + f);
        }
        return all;
    }

    /** A server's failure messages; when there were more than it kept, a last line says how many more. */
    public static List<String> serverFailures(ServerStats.Snapshot s) {
        List<String> lines = new ArrayList<>(s.failureMessages());
        long more = s.failures() - lines.size();
        if (more > 0) lines.add("and " + more + " more failure(s)");
        return lines;
    }

    public boolean ok() {
        return scriptFailures.isEmpty() && servers.stream().allMatch(ServerStats.Snapshot::ok);
    }
}
