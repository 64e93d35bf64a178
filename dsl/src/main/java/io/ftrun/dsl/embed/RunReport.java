package io.ftrun.dsl.embed;

import io.ftrun.core.ShutdownReport;
import io.ftrun.core.Units;
import io.ftrun.dsl.ExitCode;
import io.ftrun.dsl.RunResult;
import io.ftrun.dsl.ScriptProblem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a run: per server and per client, bytes, files, failures and duration. {@link #ok()} is false
 * when anything failed — a client, {@code afterClients}, or a transfer into one of the servers.
 *
 * @param problems every problem, clients' and {@code afterClients}' first, then the servers'
 *                 ({@code script.groovy: server 'inbox': what}); {@link ScriptProblem#located()} is the text
 * @param result   the DSL's own result (client results, shutdown reports), for code that wants more
 */
public record RunReport(String name, List<ServerReport> servers, List<ClientReport> clients, List<ScriptProblem> problems, Duration took,
                        RunResult result) {
    public RunReport {
        servers = List.copyOf(servers);
        clients = List.copyOf(clients);
        problems = List.copyOf(problems);
    }

    static RunReport of(String name, RunResult result, Throwable internal) {
        List<ScriptProblem> problems = new ArrayList<>(result.problems());
        if (internal != null) problems.add(new ScriptProblem(name, 0, null, ScriptProblem.Code.INTERNAL, internal.toString(), internal));
        List<ServerReport> servers = result.servers().stream()
                .map(s -> ServerReport.of(s, result.serverProblems(s), aborted(s.name(), result.shutdowns()))).toList();
        return new RunReport(name, servers, result.clients().stream().map(ClientReport::of).toList(), problems, result.took(), result);
    }

    private static int aborted(String server, List<ShutdownReport> shutdowns) {
        for (ShutdownReport r : shutdowns) {
            if (r.server().equals(server)) return r.aborted().size();
        }
        return 0;
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** What {@code ftrun} would exit with after this run ({@link ExitCode#OK} exactly when {@link #ok()}): why it failed, by class. */
    public ExitCode exitCode() {
        ExitCode code = ExitCode.of(problems);
        return code == ExitCode.OK && !ok() ? ExitCode.FAILED : code;
    }

    /** This report when {@link #ok()}; otherwise throws, listing the problems. */
    public RunReport orThrow() {
        if (!ok()) throw new TransferFailedException(this);
        return this;
    }

    /** The server of that name. */
    public ServerReport server(String serverName) {
        for (ServerReport s : servers) {
            if (s.name().equals(serverName)) return s;
        }
        throw new IllegalArgumentException(name + " has no server '" + serverName + "'");
    }

    /** A few lines for a build log: one per server, one for the clients, then the failures. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (ServerReport s : servers) {
            lines.add("server '" + s.name() + "' (port " + s.port() + "): " + s.connections() + " connection(s), " + s.files().size()
                    + " file(s), " + Units.formatSize(s.bytesIn()) + " in, " + Units.formatSize(s.bytesOut()) + " out, "
                    + s.problems().size() + " failure(s), " + millis(s.duration()));
        }
        if (!clients.isEmpty()) {
            long ok = clients.stream().filter(ClientReport::ok).count();
            long out = clients.stream().mapToLong(ClientReport::bytesOut).sum();
            long files = clients.stream().mapToLong(c -> c.files().size()).sum();
            lines.add(ok + "/" + clients.size() + " client(s) succeeded, " + files + " file(s) sent, " + Units.formatSize(out) + " out");
        }
        for (ScriptProblem p : problems) lines.add(p.located());
        return lines;
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return name + (ok() ? ": OK" : ": FAILED") + "\n  " + String.join("\n  ", summary());
    }
}
