package io.ftrun.dsl;

import io.ftrun.core.ShutdownReport;
import io.ftrun.core.stats.ServerStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a script run: each client's result, the script's own problems (from clients and
 * {@code afterClients}), what each server did, and what each server's shutdown did. {@link #ok()} is false when
 * anything failed, on either side: it is what exit code 0 means on the command line and what {@code RunReport.ok()}
 * means to an embedding program.
 *
 * @param script the script's file name, which the servers' problems are located in
 */
public record RunResult(String script, List<ClientResult> clients, List<ScriptProblem> scriptProblems,
                        List<ServerStats.Snapshot> servers, List<ShutdownReport> shutdowns, Duration took) {
    public RunResult {
        clients = List.copyOf(clients);
        scriptProblems = List.copyOf(scriptProblems);
        servers = List.copyOf(servers);
        shutdowns = List.copyOf(shutdowns);
    }

    /** Every problem: the script's first, then each server's. */
    public List<ScriptProblem> problems() {
        List<ScriptProblem> all = new ArrayList<>(scriptProblems);
        for (ServerStats.Snapshot s : servers) all.addAll(serverProblems(s));
        return all;
    }

    /** A server's failures as problems; when it kept fewer than it had, a last one says how many more. */
    public List<ScriptProblem> serverProblems(ServerStats.Snapshot s) {
        List<ScriptProblem> problems = new ArrayList<>();
        for (String m : s.failureMessages()) problems.add(ScriptProblem.ofServer(script, 0, s.name(), m));
        long more = s.failures() - problems.size();
        if (more > 0) problems.add(ScriptProblem.ofServer(script, 0, s.name(), "and " + more + " more failure(s)"));
        return problems;
    }

    public boolean ok() {
        return scriptProblems.isEmpty() && servers.stream().allMatch(ServerStats.Snapshot::ok);
    }

    /** What the command line exits with for this run, unless a signal ended it: {@link ExitCode#OK} exactly when {@link #ok()}. */
    public ExitCode exitCode() {
        ExitCode code = ExitCode.of(problems());
        return code == ExitCode.OK && !ok() ? ExitCode.FAILED : code;
    }
}
