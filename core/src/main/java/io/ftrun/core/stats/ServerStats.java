package io.ftrun.core.stats;

import io.ftrun.core.CloseReason;
import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.FileEvents;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What each server did, folded from the engine's events: the one definition behind a run's report, the exit
 * code and {@code /metrics}. Add it as a listener of the servers (clients' events are ignored).
 *
 * <p>A <em>failure</em> is work that went wrong on the server's side: a file refused or aborted, a handler that
 * threw, a connection cut off at shutdown with work in flight, or an error event. A peer that leaves (a reset)
 * or is cut off by the server's own limits (refused, timeouts, too slow, too much) is the peer's doing and the
 * policy working: it counts as a failed connection, not as a failure, unless a file was lost with it, which its
 * file event reports. The lists of names and messages keep the first
 * {@value #KEEP} entries (a server can run for months); the counts are exact.
 *
 * <p>A connection is a server's when that server opened it on its own port: a client that shares a server's name
 * is not mistaken for it. One lock, held briefly per event.
 */
public final class ServerStats implements EventListener {
    /** How many file names and failure messages each server keeps. */
    public static final int KEEP = 10_000;

    private final Map<String, Tally> servers = new LinkedHashMap<>();
    private final Set<Conn> open = new HashSet<>();
    private final Set<Conn> fileFailed = new HashSet<>();

    /** Server-side ids are per server, so the owner and remote address make a connection unique. */
    private record Conn(String owner, long id, InetSocketAddress remote) {
    }

    /**
     * One server's figures at one moment.
     *
     * @param opened      connections let in so far (some may be refused later, at a limit)
     * @param active      let in and not yet closed
     * @param connections served and ended (refused ones are counted in {@code refused})
     */
    public record Snapshot(String name, int port, long opened, long active, long connections, long refused, long failedConnections,
                           long bytesIn, long bytesOut, long files, long fileBytes, long filesFailed, long errors,
                           long failures, List<String> fileNames, List<String> failureMessages, Duration up) {
        public Snapshot {
            fileNames = List.copyOf(fileNames);
            failureMessages = List.copyOf(failureMessages);
        }

        public boolean ok() {
            return failures == 0;
        }
    }

    private static final class Tally {
        final String name;
        int port = -1;
        Instant started;
        Instant stopped;
        long opened, closed, closedRefused, refused, failedConnections, bytesIn, bytesOut, files, fileBytes, filesFailed, errors, failures;
        final List<String> fileNames = new ArrayList<>();
        final List<String> failureMessages = new ArrayList<>();

        Tally(String name) {
            this.name = name;
        }

        void fail(String message) {
            failures++;
            if (failureMessages.size() < KEEP) failureMessages.add(message);
        }
    }

    /** Stats for the servers that start while this listens. */
    public ServerStats() {
    }

    /** As {@link #ServerStats()}, listing these servers (with zeros) before they start, as a metrics page should. */
    public ServerStats(List<String> serverNames) {
        for (String n : serverNames) servers.put(n, new Tally(n));
    }

    @Override
    public synchronized void onEvent(Event e) {
        if (e instanceof Events.ServerStarted s) {
            Tally t = servers.computeIfAbsent(s.server(), Tally::new);
            t.port = s.address().getPort();
            t.started = s.time();
            t.stopped = null;
        } else if (e instanceof Events.ServerStopped s) {
            Tally t = servers.get(s.server());
            if (t != null) t.stopped = s.time();
        } else if (e instanceof Events.ConnectionOpened o) {
            Tally t = servers.get(o.owner());
            if (t != null && o.local() != null && o.local().getPort() == t.port) {
                open.add(new Conn(o.owner(), o.id(), o.remote()));
                t.opened++;
            }
        } else if (e instanceof Events.ConnectionClosed c) {
            closed(c);
        } else if (e instanceof Events.ConnectionRefused r) {
            Tally t = servers.get(r.server());
            if (t != null) t.refused++;
        } else if (e instanceof FileEvents.FileReceived f) {
            Tally t = ours(f.owner(), f.connectionId(), f.remote());
            if (t != null) {
                t.files++;
                t.fileBytes += f.bytes();
                if (t.fileNames.size() < KEEP) t.fileNames.add(f.name());
            }
        } else if (e instanceof FileEvents.TransferFailed f) {
            fileFailure(f.owner(), f.connectionId(), f.remote(), "transfer of " + f.name() + " from " + addr(f.remote())
                    + " failed after " + f.bytes() + " bytes: " + f.code().label() + " " + f.message());
        } else if (e instanceof FileEvents.FileRejected f) {
            // no name: the session itself was refused (a wrong protocol, token or version), before any file
            String what = f.name() != null ? f.name() : "a session";
            fileFailure(f.owner(), f.connectionId(), f.remote(), "rejected " + what + " from " + addr(f.remote()) + ": "
                    + f.code().label() + " " + f.message());
        } else if (e instanceof Events.Problem p && !p.warning()) {
            Tally t = servers.get(p.owner());
            if (t != null) {
                t.errors++;
                t.fail(p.phase() + ": " + p.message());
            }
        }
    }

    private void closed(Events.ConnectionClosed c) {
        Conn key = new Conn(c.owner(), c.id(), c.remote());
        if (!open.remove(key)) return;
        Tally t = servers.get(c.owner());
        t.closed++;
        boolean hadFileFailure = fileFailed.remove(key);
        if (c.reason() == CloseReason.REFUSED) { // counted by its connection-refused event
            t.closedRefused++;
            return;
        }
        t.bytesIn += c.bytesIn();
        t.bytesOut += c.bytesOut();
        if (c.reason() == CloseReason.COMPLETED || c.reason() == CloseReason.SLOW_CONSUMER) return;
        t.failedConnections++;
        boolean ourWork = c.reason() == CloseReason.HANDLER_ERROR || c.reason() == CloseReason.SHUTDOWN_ABORTED;
        if (ourWork && !hadFileFailure) { // a file failure already said what went wrong on this connection
            t.fail("connection #" + c.id() + " from " + addr(c.remote()) + " ended: "
                    + c.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + (c.error() == null ? "" : " (" + c.error() + ")"));
        }
    }

    private void fileFailure(String owner, long id, InetSocketAddress remote, String what) {
        Tally t = ours(owner, id, remote);
        if (t == null) return;
        t.filesFailed++;
        t.fail(what);
        fileFailed.add(new Conn(owner, id, remote));
    }

    private Tally ours(String owner, long id, InetSocketAddress remote) {
        return open.contains(new Conn(owner, id, remote)) ? servers.get(owner) : null;
    }

    /** Every server's figures now, in the order they were listed or started. */
    public synchronized List<Snapshot> snapshot() {
        List<Snapshot> out = new ArrayList<>();
        Instant now = Instant.now();
        for (Tally t : servers.values()) {
            Duration up = t.started == null ? Duration.ZERO : Duration.between(t.started, t.stopped != null ? t.stopped : now);
            out.add(new Snapshot(t.name, t.port, t.opened, t.opened - t.closed, t.closed - t.closedRefused, t.refused, t.failedConnections, t.bytesIn, t.bytesOut,
                    t.files, t.fileBytes, t.filesFailed, t.errors, t.failures, t.fileNames, t.failureMessages, up));
        }
        return out;
    }

    private static String addr(InetSocketAddress a) {
        return a == null ? "?" : Events.address(a);
    }
}
