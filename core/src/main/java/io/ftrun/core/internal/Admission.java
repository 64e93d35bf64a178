package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import io.ftrun.core.ProxyProtocol;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Who gets served, decided between accept and handler: trusted proxies, the allow and deny lists, the limits on
 * connections (overall and per address) with waiting or refusing at them, and the refusals with their events. The
 * order is fixed: PROXY header, then the address rules and limits on the real address, then the handler. It owns
 * the {@link ConnectionRegistry}'s slots: every slot taken here is released through it.
 */
public final class Admission {
    private final ServerConfig config;
    private final EventListener events;
    private final ConnectionRegistry registry;
    private final Refusals refusals;
    /** Behind a load balancer: each connection starts with a PROXY header naming the real client. */
    private final boolean proxied;
    /** The handler's peers wait at a limit instead of reading a refusal (raw uploaders cannot read one). */
    private final boolean waits;
    private final AtomicInteger refused = new AtomicInteger();

    public Admission(ServerConfig config, EventListener events, ConnectionRegistry registry) {
        this.config = config;
        this.events = events;
        this.registry = registry;
        this.refusals = new Refusals(config.name());
        this.proxied = config.proxyProtocol() != ProxyProtocol.OFF;
        this.waits = config.handler().atLimit().waits();
    }

    public boolean proxied() {
        return proxied;
    }

    public boolean waits() {
        return waits;
    }

    public int refused() {
        return refused.get();
    }

    /**
     * The address a connection counts against the per-address limit from accept on: none behind a balancer (the
     * peer is the balancer; {@link #arrive} counts the real address).
     */
    public InetAddress countedAtAccept(InetSocketAddress remote) {
        return proxied ? null : remote.getAddress();
    }

    /**
     * Decides on a connection just accepted: refuses it, parks it to wait for a slot, or hands it to {@code start}
     * with the address its slot is counted as.
     */
    public void admit(SocketChannel ch, InetSocketAddress remote, BiConsumer<SocketChannel, InetAddress> start) {
        if (proxied && !config.trustedProxies().permits(remote.getAddress())) {
            // Anyone else could claim any client address in a header: nothing is read from them at all.
            refusalEvent(remote, "not a trusted proxy: a PROXY protocol header is only accepted from " + config.trustedProxies().allowed());
            Refusals.closeQuietly(ch);
            return;
        }
        InetAddress counted = countedAtAccept(remote);
        if (counted != null && !permitted(remote)) {
            Refusals.closeQuietly(ch);
            return;
        }
        String why = registry.tryAdmit(counted);
        if (why != null && waits) {
            registry.park(ch, counted); // over the per-address limit (or the global one, just filled): wait, unread
            return;
        }
        if (why != null) {
            refusalEvent(remote, why);
            sendRefusal(ch);
            return;
        }
        start.accept(ch, counted);
    }

    /** The parking thread's loop: starts each parked connection once there is room for it, until the server stops. */
    public void admitParked(BiConsumer<SocketChannel, InetAddress> start) {
        try {
            ConnectionRegistry.Parked p;
            while ((p = registry.awaitAdmissible()) != null) {
                try {
                    start.accept(p.channel(), p.address());
                } catch (RuntimeException | Error e) {
                    registry.release(p.address());
                    Refusals.closeQuietly(p.channel());
                    events.onEvent(Events.error(config.name(), "admit", "cannot serve a waiting connection: " + e));
                }
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    /**
     * The steps for a connection from a load balancer, on the connection's own thread so a slow header never
     * stalls the accept loop: the PROXY header (within its deadline), then the address rules and the per-address
     * limit on the client's real address; then the connection is announced.
     *
     * @return the address counted against the per-address limit, or null when the connection was refused (it is
     * then aborted, and its handler does not run)
     */
    public InetAddress arrive(SocketConnection conn) {
        InetSocketAddress balancer = conn.remoteAddress();
        ProxyHeader header;
        try {
            header = ProxyHeaderReader.read(conn, config.proxyProtocol(), config.proxyHeaderTimeout());
            conn.readTimeout(config.options().idleTimeout());
        } catch (IOException e) {
            refusalEvent(balancer, "PROXY protocol: " + e.getMessage());
            conn.abort(CloseReason.REFUSED);
            return null;
        }
        // LOCAL and UNKNOWN headers carry no client (the balancer's own checks): the socket's address stands.
        if (header.source() != null) conn.proxied(header.source());
        InetAddress client = conn.remoteAddress().getAddress();
        if (!permitted(conn.remoteAddress())) {
            conn.abort(CloseReason.REFUSED);
            return null;
        }
        String why = registry.tryAdmitAddress(client);
        if (why != null && waits && awaitAddress(client)) why = null; // wait for the address's turn, holding the slot
        if (why != null) {
            refuse(conn, why);
            return null;
        }
        conn.announce();
        return client;
    }

    private boolean awaitAddress(InetAddress client) {
        try {
            return registry.awaitAddress(client);
        } catch (InterruptedException e) {
            return false; // aborted (shutdown) while waiting
        }
    }

    /**
     * The allow and deny lists, on the real address. A denied peer reads nothing, not even a refusal line: it learns
     * nothing about what runs here. The event records it.
     */
    private boolean permitted(InetSocketAddress remote) {
        if (config.addressFilter().permits(remote.getAddress())) return true;
        refusalEvent(remote, "address not allowed");
        return false;
    }

    /** Refuses a connection that was admitted but cannot be served after all; its handler never ran. */
    public void refuseAdmitted(SocketConnection conn, String why) {
        registry.untrack(conn);
        registry.release(countedAtAccept(conn.remoteAddress()));
        refuse(conn, why);
    }

    private void refuse(SocketConnection conn, String why) {
        refusalEvent(conn.remoteAddress(), why);
        conn.refused();
        sendRefusal(conn.channel());
    }

    /** Closes the connections still parked over a limit at shutdown: accepted, never read, never served. */
    public void closeWaiting() {
        for (ConnectionRegistry.Parked p : registry.closeParking()) {
            try {
                refusalEvent((InetSocketAddress) p.channel().getRemoteAddress(), "server shutting down before a slot was free");
            } catch (IOException | RuntimeException ignored) {
                // the peer is gone already
            }
            Refusals.closeQuietly(p.channel());
        }
    }

    /** Sends the handler's refusal (a line, or a message of its protocol), then closes without a reset. */
    private void sendRefusal(SocketChannel ch) {
        refusals.refuse(ch, config.handler().atLimit().answer(config.refusalMessage()));
    }

    private void refusalEvent(InetSocketAddress remote, String why) {
        refused.incrementAndGet();
        events.onEvent(new Events.ConnectionRefused(Instant.now(), config.name(), remote, why));
    }
}
