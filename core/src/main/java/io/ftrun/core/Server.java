package io.ftrun.core;

// Over 300 lines, to be split: admission (the address checks, per-address parking, refusals) can leave the
// accept loop and the shutdown, which share only the registry (docs/ARCHITECTURE.md, issue 13).

import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.internal.ConnectionRegistry;
import io.ftrun.core.internal.Dispatcher;
import io.ftrun.core.internal.RateLimiter;
import io.ftrun.core.internal.Refusals;
import io.ftrun.core.internal.ProxyHeader;
import io.ftrun.core.internal.ProxyHeaderReader;
import io.ftrun.core.internal.SocketConnection;
import io.ftrun.core.internal.Threads;
import io.ftrun.core.internal.tls.TlsLayer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running TCP server: an accept loop that never stops after one client, handing each connection to the
 * configured {@link Concurrency} strategy. Start with {@link #start(ServerConfig)}; stop with
 * {@link #shutdown(Duration)} (graceful: stop accepting, drain, then abort) from any thread.
 */
public final class Server implements AutoCloseable {
    private static final ThreadLocal<Server> SERVING = new ThreadLocal<>();
    /** How long shutdown waits for aborted handlers to notice before it reports anyway. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(5);
    private static final long ABORT_RECHECK_NANOS = 50_000_000;

    private final ServerConfig config;
    private final EventListener events;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final ConnectionRegistry registry;
    private final Dispatcher dispatcher;
    private final Thread acceptThread;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final CompletableFuture<ShutdownReport> stopped = new CompletableFuture<>();
    private volatile boolean closing;
    /** Null for plain TCP. Built at start, so a missing key or certificate fails there. */
    private final TlsLayer tls;
    /** The overall rate limit shared by all connections, or null. */
    private final RateLimiter totalRate;
    /** Behind a load balancer: each connection starts with a PROXY header naming the real client. */
    private final boolean proxied;
    /** The handler's peers wait at a limit instead of reading a refusal (raw uploaders cannot read one). */
    private final boolean waits;
    private final Refusals refusals;
    /** Admits parked connections as room frees; null when nothing is ever parked. */
    private final Thread parkingThread;

    private Server(ServerConfig config) throws IOException {
        this.config = config;
        this.proxied = config.proxyProtocol() != ProxyProtocol.OFF;
        this.events = EventListener.all(config.options().listeners());
        this.tls = config.options().tls() == null ? null : TlsLayer.forServer(config.options().tls());
        this.totalRate = config.totalRateLimit() > 0 ? new RateLimiter(config.totalRateLimit()) : null;
        this.registry = new ConnectionRegistry(config.maxConnections(), config.maxConnectionsPerAddress(), config.maxWaiting());
        this.waits = config.handler().atLimit().waits();
        this.refusals = new Refusals(config.name());
        this.listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, config.reuseAddress());
            if (config.options().receiveBufferSize() > 0) listener.setOption(StandardSocketOptions.SO_RCVBUF, config.options().receiveBufferSize());
            listener.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.dispatcher = Dispatcher.create(config.concurrency(), config.name());
        this.acceptThread = new Thread(this::acceptLoop, "ftrun-accept-" + config.name());
        boolean parks = waits && (config.maxConnections() > 0 || config.maxConnectionsPerAddress() > 0);
        this.parkingThread = parks ? Threads.platformFactory("ftrun-waiting-" + config.name() + "-").newThread(this::admitParked) : null;
    }

    /** Binds and starts accepting. The bound port (useful with port 0) is {@link #port()}. */
    public static Server start(ServerConfig config) throws IOException {
        Server s = new Server(config);
        if (s.dispatcher.fellBack()) {
            s.events.onEvent(Events.warning(config.name(), "start",
                    "virtual threads need JDK 21+; this JDK (" + Runtime.version() + ") runs one platform thread per connection instead"));
        }
        s.events.onEvent(new Events.ServerStarted(Instant.now(), config.name(), s.address, config.concurrency().toString()));
        s.acceptThread.start();
        if (s.parkingThread != null) s.parkingThread.start();
        return s;
    }

    public ServerConfig config() { return config; }
    public String name() { return config.name(); }
    public InetSocketAddress address() { return address; }
    public int port() { return address.getPort(); }
    /** Connections admitted and not finished yet (including those queued in a pool). */
    public int activeConnections() { return registry.admitted(); }
    public int completedConnections() { return completed.get(); }
    public int refusedConnections() { return refused.get(); }
    /** Connections accepted over a limit that wait, unread, for a slot (handlers whose peers wait). */
    public int waitingConnections() { return registry.parked(); }
    public boolean isRunning() { return !closing; }

    private void acceptLoop() {
        long backoff = 0;
        while (!closing) {
            SocketChannel ch;
            try {
                // At a limit, peers that cannot read a refusal wait in the kernel's listen queue: not accepted yet.
                if (waits && !registry.awaitRoomToAccept()) break;
                ch = listener.accept();
                backoff = 0;
            } catch (ClosedChannelException e) {
                break;
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException | Error e) {
                if (closing) break;
                // e.g. "Too many open files": the listener itself is fine, so wait a little and try again
                backoff = backoff == 0 ? 10 : Math.min(1000, backoff * 2);
                events.onEvent(Events.error(config.name(), "accept", e + " (retrying in " + backoff + " ms)"));
                if (!Threads.sleep(backoff)) break;
                continue;
            }
            try {
                admit(ch);
            } catch (RuntimeException | Error e) {
                // one connection could not be set up (e.g. no memory for its buffer): it alone is lost
                closeQuietly(ch);
                events.onEvent(Events.error(config.name(), "admit", "cannot serve a new connection: " + e));
            }
        }
    }

    private void admit(SocketChannel ch) {
        InetSocketAddress remote;
        try {
            remote = (InetSocketAddress) ch.getRemoteAddress();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, config.options().tcpNoDelay());
            if (config.options().sendBufferSize() > 0) ch.setOption(StandardSocketOptions.SO_SNDBUF, config.options().sendBufferSize());
        } catch (IOException e) {
            closeQuietly(ch); // the peer left before we looked at it
            return;
        }
        if (proxied && !config.trustedProxies().permits(remote.getAddress())) {
            // Anyone else could claim any client address in a header: nothing is read from them at all.
            refusalEvent(remote, "not a trusted proxy: a PROXY protocol header is only accepted from " + config.trustedProxies().allowed());
            closeQuietly(ch);
            return;
        }
        // Behind a balancer the peer is the balancer: per-address limits wait for the real address (see arrive).
        InetAddress counted = proxied ? null : remote.getAddress();
        if (counted != null && !permitted(remote)) {
            closeQuietly(ch);
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
        startConnection(ch, counted);
    }

    /** The parking thread: admits each parked connection once there is room for it, until the server stops. */
    private void admitParked() {
        try {
            ConnectionRegistry.Parked p;
            while ((p = registry.awaitAdmissible()) != null) {
                try {
                    startConnection(p.channel(), p.address());
                } catch (RuntimeException | Error e) {
                    registry.release(p.address());
                    closeQuietly(p.channel());
                    events.onEvent(Events.error(config.name(), "admit", "cannot serve a waiting connection: " + e));
                }
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    /** Runs the handler for an admitted connection (its slot is counted as {@code counted}). */
    private void startConnection(SocketChannel ch, InetAddress counted) {
        SocketConnection conn;
        try {
            conn = new SocketConnection(ids.incrementAndGet(), config.name(), ch, config.options(), events, !proxied);
        } catch (IOException e) {
            registry.release(counted);
            closeQuietly(ch);
            return;
        }
        registry.track(conn);
        boolean dispatched;
        try {
            dispatched = waits ? dispatcher.dispatchWhenRoom(() -> serve(conn)) : dispatcher.dispatch(() -> serve(conn));
        } catch (RuntimeException | Error e) {
            // e.g. "unable to create native thread": this connection cannot be served, the server goes on
            events.onEvent(Events.error(config.name(), "dispatch", "cannot start a handler for " + conn + ": " + e));
            dispatched = false;
        }
        if (!dispatched) refuseAdmitted(conn, closing ? "server shutting down" : "connection queue full (" + config.concurrency() + ")");
    }

    private void serve(SocketConnection conn) {
        SERVING.set(this);
        conn.handlerThread(Thread.currentThread());
        Throwable failure = null;
        InetAddress counted = proxied ? null : conn.remoteAddress().getAddress();
        try {
            if (conn.abortReason() == null && proxied) counted = arrive(conn);
            if (conn.abortReason() == null) prepare(conn);
            if (conn.abortReason() == null) config.handler().handle(conn);
        } catch (Throwable t) {
            failure = t;
        } finally {
            conn.handlerThread(null);
            // An abort's interrupt was meant for this handler, not for the pooled or accept thread's next task.
            Thread.interrupted();
            SERVING.remove();
            conn.close(failure);
            registry.untrack(conn);
            // Counted before the slot is released: a shutdown that sees the server drained must see it counted.
            // A connection refused for its PROXY header or its real address was not served: not counted.
            if (conn.abortReason() != CloseReason.REFUSED) completed.incrementAndGet();
            registry.release(counted);
        }
    }

    /**
     * The steps between accept and handler for a connection from a load balancer, on the connection's own thread
     * so a slow header never stalls the accept loop: the PROXY header (within its deadline), then the per-address
     * limit on the client's real address. The order after accept is fixed: PROXY header, then address rules and
     * limits on the real address, then any transport handshake, then the handler.
     *
     * @return the address counted against the per-address limit, or null when the connection was refused (it is
     * then aborted, and its handler does not run)
     */
    private InetAddress arrive(SocketConnection conn) {
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
            refusalEvent(conn.remoteAddress(), why);
            conn.refused();
            sendRefusal(conn.channel());
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

    /**
     * The last steps before the handler, on the connection's own thread: the rate limits, then the TLS handshake
     * (within its deadline, so a peer that never finishes it holds no thread for long). A failed handshake throws;
     * the connection then closes as {@code tls-failed} and the handler never runs.
     */
    private void prepare(SocketConnection conn) throws IOException {
        RateLimiter own = config.options().rateLimit() > 0 ? new RateLimiter(config.options().rateLimit()) : null;
        if (own != null && totalRate != null) conn.limit(own, totalRate);
        else if (own != null) conn.limit(own);
        else if (totalRate != null) conn.limit(totalRate);
        if (tls != null) conn.startTls(tls, null);
    }

    /** Refuses a connection that was admitted but cannot be served after all; its handler never ran. */
    private void refuseAdmitted(SocketConnection conn, String why) {
        registry.untrack(conn);
        registry.release(proxied ? null : conn.remoteAddress().getAddress());
        refusalEvent(conn.remoteAddress(), why);
        conn.refused();
        sendRefusal(conn.channel());
    }

    /** Sends the handler's refusal (a line, or a message of its protocol), then closes without a reset. */
    private void sendRefusal(SocketChannel ch) {
        refusals.refuse(ch, config.handler().atLimit().answer(config.refusalMessage()));
    }

    private void refusalEvent(InetSocketAddress remote, String why) {
        refused.incrementAndGet();
        events.onEvent(new Events.ConnectionRefused(Instant.now(), config.name(), remote, why));
    }

    /** Shuts down with the configured grace period. */
    public CompletableFuture<ShutdownReport> shutdown() {
        return shutdown(config.shutdownGrace());
    }

    /**
     * Stops accepting, lets connections in flight finish until {@code grace} has passed, then aborts the rest.
     * Returns at once; the future completes with what happened. Safe from any thread, a handler included; the
     * first call decides the grace period.
     */
    public CompletableFuture<ShutdownReport> shutdown(Duration grace) {
        synchronized (this) {
            if (closing) return stopped;
            closing = true;
        }
        long start = System.nanoTime();
        // Taken here, not on the shutdown thread: a handler that finishes right after this call was in flight.
        int before = completed.get();
        // Closed before returning, so no connection is accepted once shutdown() has returned. Closing does not
        // end a blocked accept() at once: the kernel keeps the listening socket (and completes handshakes into
        // its backlog) until the accept thread has been woken, so wait for that thread too, briefly. Not when
        // this is the accept thread (a serial server's handler).
        closeQuietly(listener);
        registry.stopAccepting();
        if (Thread.currentThread() != acceptThread) {
            try {
                acceptThread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Thread t = new Thread(() -> drainAndStop(grace, start, before), "ftrun-shutdown-" + config.name());
        t.setDaemon(true);
        t.start();
        return stopped;
    }

    private void drainAndStop(Duration grace, long start, int before) {
        List<ShutdownReport.Aborted> aborted = new ArrayList<>();
        int drained = 0;
        try {
            boolean clean = registry.awaitDrained(start + grace.toNanos());
            closeWaiting(); // those still waiting for a slot after the grace were never served: they go first
            drained = completed.get() - before;
            if (!clean && !abortAll(aborted)) {
                events.onEvent(Events.warning(config.name(), "shutdown", registry.admitted()
                        + " handler(s) still running " + ABORT_WAIT.toSeconds() + " s after being aborted; no longer waiting for them"));
            }
            acceptThread.join(ABORT_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeWaiting();
            dispatcher.shutdown();
            ShutdownReport report = new ShutdownReport(config.name(), drained, aborted, Duration.ofNanos(System.nanoTime() - start));
            events.onEvent(new Events.ServerStopped(Instant.now(), config.name(), completed.get(), aborted.size()));
            stopped.complete(report);
        }
    }

    /**
     * Aborts every active connection and waits for their handlers to end. Repeats, because the accept thread may
     * still admit the one connection it accepted just before the listener closed. True when all ended in time.
     */
    private boolean abortAll(List<ShutdownReport.Aborted> aborted) throws InterruptedException {
        long deadline = System.nanoTime() + ABORT_WAIT.toNanos();
        while (true) {
            // Queued connections first: once a running handler is woken, its pool thread takes the next queued
            // task at once, which must already be marked aborted, or its handler would start just to be cut off.
            List<SocketConnection> active = new ArrayList<>(registry.active());
            active.sort(java.util.Comparator.comparing(SocketConnection::handlerRunning));
            for (SocketConnection c : active) {
                if (c.abortReason() != null) continue; // already going, for its own reason
                aborted.add(new ShutdownReport.Aborted(c.id(), c.remoteAddress(), c.bytesIn(), c.bytesOut()));
                c.abort(CloseReason.SHUTDOWN_ABORTED);
            }
            long now = System.nanoTime();
            if (registry.awaitDrained(Math.min(deadline, now + ABORT_RECHECK_NANOS))) return true;
            if (now - deadline >= 0) return false;
        }
    }

    /** Closes the connections still parked over a limit: accepted, never read, never served. */
    private void closeWaiting() {
        for (ConnectionRegistry.Parked p : registry.closeParking()) {
            try {
                refusalEvent((InetSocketAddress) p.channel().getRemoteAddress(), "server shutting down before a slot was free");
            } catch (IOException | RuntimeException ignored) {
                // the peer is gone already
            }
            closeQuietly(p.channel());
        }
        if (parkingThread != null) parkingThread.interrupt();
    }

    /** Blocks until the server has stopped (after a {@link #shutdown} from anywhere). */
    public ShutdownReport awaitTermination() throws InterruptedException {
        try {
            return stopped.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Shuts down with the configured grace and waits, unless called from one of this server's handlers. */
    @Override
    public void close() {
        CompletableFuture<ShutdownReport> f = shutdown();
        if (SERVING.get() != this) f.join();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "server '" + config.name() + "' on " + address;
    }
}
