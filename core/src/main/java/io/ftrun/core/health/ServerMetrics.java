package io.ftrun.core.health;

import io.ftrun.core.CloseReason;
import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.FileEvents;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a process's servers do, from their events: connections, bytes, files and errors per server. Add it
 * as a listener of each server; {@link #prometheus} renders the Prometheus text format for a {@code /metrics}
 * endpoint. Byte counts grow when a connection closes (its totals), so they never go backwards.
 */
public final class ServerMetrics implements EventListener {
    private final Map<String, Counts> servers = new TreeMap<>();

    /** Metrics for the servers named here; events of other owners (clients in the same run) are ignored. */
    public ServerMetrics(Collection<String> serverNames) {
        for (String n : serverNames) servers.put(n, new Counts());
    }

    private static final class Counts {
        final LongAdder opened = new LongAdder();
        final LongAdder closed = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder files = new LongAdder();
        final LongAdder fileBytes = new LongAdder();
        final LongAdder filesFailed = new LongAdder();
        final LongAdder errors = new LongAdder();
    }

    @Override
    public void onEvent(Event e) {
        if (e instanceof Events.ConnectionOpened o) {
            count(o.owner(), c -> c.opened.increment());
        } else if (e instanceof Events.ConnectionClosed c) {
            count(c.owner(), n -> {
                n.closed.increment();
                n.bytesIn.add(c.bytesIn());
                n.bytesOut.add(c.bytesOut());
                if (c.reason() != CloseReason.COMPLETED) n.failed.increment();
            });
        } else if (e instanceof Events.ConnectionRefused r) {
            count(r.server(), n -> n.refused.increment());
        } else if (e instanceof FileEvents.FileReceived f) {
            count(f.owner(), n -> {
                n.files.increment();
                n.fileBytes.add(f.bytes());
            });
        } else if (e instanceof FileEvents.FileRejected f) {
            count(f.owner(), n -> n.filesFailed.increment());
        } else if (e instanceof FileEvents.TransferFailed f) {
            count(f.owner(), n -> n.filesFailed.increment());
        } else if (e instanceof Events.Problem p && !p.warning()) {
            count(p.owner(), n -> n.errors.increment());
        }
    }

    private void count(String server, java.util.function.Consumer<Counts> update) {
        Counts c = servers.get(server); // the map is fixed at construction: no locking needed to read it
        if (c != null) update.accept(c);
    }

    /** The metrics in the Prometheus text exposition format (version 0.0.4). */
    public String prometheus(boolean draining) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP ftrun_draining 1 while the process drains (its health check answers 503), else 0.\n");
        out.append("# TYPE ftrun_draining gauge\n");
        out.append("ftrun_draining ").append(draining ? 1 : 0).append('\n');
        family(out, "ftrun_connections_total", "counter", "Connections served (after any PROXY header).", c -> c.opened.sum());
        family(out, "ftrun_connections_active", "gauge", "Connections being served now.", c -> c.opened.sum() - c.closed.sum());
        family(out, "ftrun_connections_refused_total", "counter", "Connections refused (limits, addresses, PROXY headers).", c -> c.refused.sum());
        family(out, "ftrun_connections_failed_total", "counter", "Connections that ended other than completed.", c -> c.failed.sum());
        family(out, "ftrun_bytes_received_total", "counter", "Bytes read from closed connections.", c -> c.bytesIn.sum());
        family(out, "ftrun_bytes_sent_total", "counter", "Bytes written to closed connections.", c -> c.bytesOut.sum());
        family(out, "ftrun_files_received_total", "counter", "Files stored under their final name.", c -> c.files.sum());
        family(out, "ftrun_file_bytes_received_total", "counter", "Bytes of the files stored.", c -> c.fileBytes.sum());
        family(out, "ftrun_files_failed_total", "counter", "Files refused or aborted (nothing stored).", c -> c.filesFailed.sum());
        family(out, "ftrun_errors_total", "counter", "Error events (accept failures, handler problems).", c -> c.errors.sum());
        return out.toString();
    }

    private void family(StringBuilder out, String name, String type, String help, java.util.function.ToLongFunction<Counts> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        servers.forEach((server, c) -> out.append(name).append("{server=\"").append(label(server)).append("\"} ")
                .append(value.applyAsLong(c)).append('\n'));
    }

    /** A label value as the text format needs it: backslash, double quote and newline escaped. */
    private static String label(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
