package io.ftrun.dsl.cli;

import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.stats.ServerStats;
import io.ftrun.dsl.ClientResult;
import io.ftrun.dsl.ExitCode;
import io.ftrun.dsl.RunResult;
import io.ftrun.dsl.ScriptProblem;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --events json}: one JSON object per event and line, for tools that watch ftrun, each starting with
 * {@code "schema":1}, and a last line, {@code run-finished}, with the exit code the process exits with.
 */
final class JsonEvents implements EventListener {
    /**
     * The version of the lines' format, first on every line. It goes up when a field changes its meaning or goes
     * away; new fields and new event types leave it as it is, so a reader skips what it does not know.
     */
    static final int SCHEMA = 1;

    private final PrintStream out;

    JsonEvents(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEvent(Event event) {
        Map<String, Object> line = start(event.type(), event.time());
        line.putAll(event.fields());
        write(line);
    }

    /**
     * The last line: how the run ended. {@code ok} is whether everything succeeded; {@code exitCode} what the
     * process exits with, which a signal decides even when nothing failed (130, 143, and {@code signal} names it).
     *
     * @param result the run's outcome; null when it could not start ({@code error} says why)
     * @param error  what kept the run from starting, or null
     */
    void finished(ExitCode exit, RunResult result, ScriptProblem error, Duration took) {
        Map<String, Object> line = start("run-finished", Instant.now());
        line.put("exitCode", exit.code());
        line.put("exit", exit.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        line.put("ok", result != null && error == null && result.ok());
        if (exit == ExitCode.INTERRUPTED) line.put("signal", "SIGINT");
        if (exit == ExitCode.TERMINATED) line.put("signal", "SIGTERM");
        List<ClientResult> clients = result == null ? List.of() : result.clients();
        line.put("clients", clients.size());
        line.put("clientsFailed", clients.stream().filter(c -> !c.ok()).count());
        long failures = error != null ? 1 : result.scriptProblems().size()
                + result.servers().stream().mapToLong(ServerStats.Snapshot::failures).sum();
        line.put("failures", failures);
        ScriptProblem first = error != null ? error : result.problems().stream().findFirst().orElse(null);
        if (first != null) line.put("firstFailure", first.located());
        line.put("tookMs", took.toMillis());
        write(line);
    }

    private static Map<String, Object> start(String type, Instant time) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("schema", SCHEMA);
        line.put("type", type);
        line.put("time", time.toString());
        return line;
    }

    private void write(Map<String, Object> line) {
        String json = Json.object(line);
        synchronized (out) {
            out.println(json);
            out.flush();
        }
    }
}
