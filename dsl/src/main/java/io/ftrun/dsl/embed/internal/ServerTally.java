package io.ftrun.dsl.embed.internal;

import io.ftrun.core.CloseReason;
import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.FileEvents;
import io.ftrun.dsl.embed.ServerReport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sums a run's events per server: connections, bytes, stored files, failures, time up. Clients report their own
 * numbers ({@link io.ftrun.dsl.ClientResult}), so only the servers' side is counted here.
 *
 * <p>A connection is a server's when it was opened by that server's name on that server's port: a client that
 * happens to share a server's name is not mistaken for it. One lock, held briefly per event.
 */
public final class ServerTally implements EventListener {
    private final Map<String, Stats> servers = new LinkedHashMap<>();
    private final Set<Conn> open = new HashSet<>();
    private final Set<Conn> fileFailed = new HashSet<>();

    /** One connection: server-side ids are per server, so the owner and remote address make it unique. */
    private record Conn(String owner, long id, InetSocketAddress remote) {
    }

    private static final class Stats {
        final String name;
        final int port;
        final Instant started;
        Instant stopped;
        int connections;
        int refused;
        long bytesIn;
        long bytesOut;
        final List<String> files = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        Stats(String name, int port, Instant started) {
            this.name = name;
            this.port = port;
            this.started = started;
        }
    }

    @Override
    public synchronized void onEvent(Event e) {
        if (e instanceof Events.ServerStarted s) {
            servers.put(s.server(), new Stats(s.server(), s.address().getPort(), s.time()));
        } else if (e instanceof Events.ServerStopped s) {
            Stats st = servers.get(s.server());
            if (st != null) st.stopped = s.time();
        } else if (e instanceof Events.ConnectionOpened o) {
            Stats st = servers.get(o.owner());
            if (st != null && o.local() != null && o.local().getPort() == st.port) open.add(new Conn(o.owner(), o.id(), o.remote()));
        } else if (e instanceof Events.ConnectionClosed c) {
            closed(c);
        } else if (e instanceof Events.ConnectionRefused r) {
            Stats st = servers.get(r.server());
            if (st != null) st.refused++;
        } else if (e instanceof FileEvents.FileReceived f) {
            Stats st = ours(f.owner(), f.connectionId(), f.remote());
            if (st != null) st.files.add(f.name());
        } else if (e instanceof FileEvents.TransferFailed f) {
            fileFailure(f.owner(), f.connectionId(), f.remote(), "transfer of " + f.name() + " from " + addr(f.remote()) + " failed after "
                    + f.bytes() + " bytes: " + f.code().label() + " " + f.message());
        } else if (e instanceof FileEvents.FileRejected f) {
            fileFailure(f.owner(), f.connectionId(), f.remote(), "rejected " + f.name() + " from " + addr(f.remote()) + ": "
                    + f.code().label() + " " + f.message());
        } else if (e instanceof Events.Problem p && !p.warning()) {
            Stats st = servers.get(p.owner());
            if (st != null) st.failures.add(p.phase() + ": " + p.message());
        }
    }

    private void closed(Events.ConnectionClosed c) {
        Conn key = new Conn(c.owner(), c.id(), c.remote());
        if (!open.remove(key)) return;
        Stats st = servers.get(c.owner());
        boolean hadFileFailure = fileFailed.remove(key);
        if (c.reason() == CloseReason.REFUSED) return; // counted by its connection-refused event
        st.connections++;
        st.bytesIn += c.bytesIn();
        st.bytesOut += c.bytesOut();
        // A refusal or a slow chat member dropped is the server's policy working, not a failed transfer; a file
        // failure already said what went wrong on this connection.
        if (c.reason() != CloseReason.COMPLETED && c.reason() != CloseReason.SLOW_CONSUMER && !hadFileFailure) {
            st.failures.add("connection #" + c.id() + " from " + addr(c.remote()) + " ended: "
                    + c.reason().name().toLowerCase().replace('_', ' ') + (c.error() == null ? "" : " (" + c.error() + ")"));
        }
    }

    private void fileFailure(String owner, long id, InetSocketAddress remote, String what) {
        Stats st = ours(owner, id, remote);
        if (st == null) return;
        st.failures.add(what);
        fileFailed.add(new Conn(owner, id, remote));
    }

    private Stats ours(String owner, long id, InetSocketAddress remote) {
        return open.contains(new Conn(owner, id, remote)) ? servers.get(owner) : null;
    }

    /** The servers' reports so far, in the order they started. */
    public synchronized List<ServerReport> snapshot() {
        List<ServerReport> out = new ArrayList<>();
        Instant now = Instant.now();
        for (Stats s : servers.values()) {
            Duration up = Duration.between(s.started, s.stopped != null ? s.stopped : now);
            out.add(new ServerReport(s.name, s.port, s.connections, s.refused, s.bytesIn, s.bytesOut, s.files, s.failures, 0, up));
        }
        return out;
    }

    private static String addr(InetSocketAddress a) {
        return a == null ? "?" : io.ftrun.core.event.Events.address(a);
    }
}
