package io.ftrun.core.health;

import io.ftrun.core.stats.ServerStats;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The {@code /metrics} page: a process's {@link ServerStats} in the Prometheus text format. The figures are the
 * very ones a run's report and exit code come from; {@code ftrun_failures_total} is the number of failures the
 * report lists. Byte counts grow when a connection closes (its totals), so they never go backwards.
 */
public final class ServerMetrics {
    private final ServerStats stats;

    public ServerMetrics(ServerStats stats) {
        this.stats = stats;
    }

    /** The metrics in the Prometheus text exposition format (version 0.0.4). */
    public String prometheus(boolean draining) {
        List<ServerStats.Snapshot> servers = stats.snapshot();
        StringBuilder out = new StringBuilder();
        out.append("# HELP ftrun_draining 1 while the process drains (its health check answers 503), else 0.\n");
        out.append("# TYPE ftrun_draining gauge\n");
        out.append("ftrun_draining ").append(draining ? 1 : 0).append('\n');
        family(out, servers, "ftrun_connections_total", "counter", "Connections let in (after any PROXY header).", ServerStats.Snapshot::opened);
        family(out, servers, "ftrun_connections_active", "gauge", "Connections being served now.", ServerStats.Snapshot::active);
        family(out, servers, "ftrun_connections_refused_total", "counter", "Connections refused (limits, addresses, PROXY headers).", ServerStats.Snapshot::refused);
        family(out, servers, "ftrun_connections_failed_total", "counter",
                "Connections that ended abnormally (not completed, refused, or a slow chat member dropped).", ServerStats.Snapshot::failedConnections);
        family(out, servers, "ftrun_bytes_received_total", "counter", "Bytes read from closed connections.", ServerStats.Snapshot::bytesIn);
        family(out, servers, "ftrun_bytes_sent_total", "counter", "Bytes written to closed connections.", ServerStats.Snapshot::bytesOut);
        family(out, servers, "ftrun_files_received_total", "counter", "Files stored under their final name.", ServerStats.Snapshot::files);
        family(out, servers, "ftrun_file_bytes_received_total", "counter", "Bytes of the files stored.", ServerStats.Snapshot::fileBytes);
        family(out, servers, "ftrun_files_failed_total", "counter", "Files refused or aborted (nothing stored).", ServerStats.Snapshot::filesFailed);
        family(out, servers, "ftrun_errors_total", "counter", "Error events (accept failures, handler problems).", ServerStats.Snapshot::errors);
        family(out, servers, "ftrun_failures_total", "counter",
                "Failures as the run's report counts them: failed files, other abnormal connections, errors.", ServerStats.Snapshot::failures);
        return out.toString();
    }

    private static void family(StringBuilder out, List<ServerStats.Snapshot> servers, String name, String type, String help,
                               ToLongFunction<ServerStats.Snapshot> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (ServerStats.Snapshot s : servers) {
            out.append(name).append("{server=\"").append(label(s.name())).append("\"} ").append(value.applyAsLong(s)).append('\n');
        }
    }

    /** A label value as the text format needs it: backslash, double quote and newline escaped. */
    private static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
