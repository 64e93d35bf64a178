package io.ftrun.core;

import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.internal.Admission;
import io.ftrun.core.internal.ConnectionRegistry;
import io.ftrun.core.internal.Dispatcher;
import io.ftrun.core.internal.RateLimiter;
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

    private final ServerConfig config;
    private final EventListener events;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final ConnectionRegistry registry;
    private final Dispatcher dispatcher;
    private final Thread acceptThread;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger completed = new AtomicInteger();
    private final CompletableFuture<ShutdownReport> stopped = new CompletableFuture<>();
    private volatile boolean closing;
    /** Null for plain TCP. Built at start, so a missing key or certificate fails there. */
    private final TlsLayer tls;
    /** The overall rate limit shared by all connections, or null. */
    private final RateLimiter totalRate;
    /** Who is served: the address rules, the limits, waiting or refusing at them ({@link Admission}). */
    private final Admission admission;
    /** Admits parked connections as room frees; null when nothing is ever parked. */
    private final Thread parkingThread;

    private Server(ServerConfig config) throws IOException {
        this.config = config;
        this.events = EventListener.all(config.options().listeners());
        this.tls = config.options().tls() == null ? null : TlsLayer.forServer(config.options().tls());
        this.totalRate = config.totalRateLimit() > 0 ? new RateLimiter(config.totalRateLimit()) : null;
        this.registry = new ConnectionRegistry(config.maxConnections(), config.maxConnectionsPerAddress(), config.maxWaiting());
        this.admission = new Admission(config, events, registry);
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
        boolean parks = admission.waits() && (config.maxConnections() > 0 || config.maxConnectionsPerAddress() > 0);
        this.parkingThread = parks ? Threads.platformFactory("ftrun-waiting-" + config.name() + "-").newThread(() -> admission.admitParked(this::startConnection)) : null;
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
    public int refusedConnections() { return admission.refused(); }
    /** Connections accepted over a limit that wait, unread, for a slot (handlers whose peers wait). */
    public int waitingConnections() { return registry.parked(); }
    public boolean isRunning() { return !closing; }

    private void acceptLoop() {
        long backoff = 0;
        while (!closing) {
            SocketChannel ch;
            try {
                // At a limit, peers that cannot read a refusal wait in the kernel's listen queue: not accepted yet.
                if (admission.waits() && !registry.awaitRoomToAccept()) break;
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
        admission.admit(ch, remote, this::startConnection);
    }

    /** Runs the handler for an admitted connection (its slot is counted as {@code counted}). */
    private void startConnection(SocketChannel ch, InetAddress counted) {
        SocketConnection conn;
        try {
            conn = new SocketConnection(ids.incrementAndGet(), config.name(), ch, config.options(), events, !admission.proxied());
        } catch (IOException e) {
            registry.release(counted);
            closeQuietly(ch);
            return;
        }
        registry.track(conn);
        boolean dispatched;
        try {
            dispatched = admission.waits() ? dispatcher.dispatchWhenRoom(() -> serve(conn)) : dispatcher.dispatch(() -> serve(conn));
        } catch (RuntimeException | Error e) {
            // e.g. "unable to create native thread": this connection cannot be served, the server goes on
            events.onEvent(Events.error(config.name(), "dispatch", "cannot start a handler for " + conn + ": " + e));
            dispatched = false;
        }
        if (!dispatched) admission.refuseAdmitted(conn, closing ? "server shutting down" : "connection queue full (" + config.concurrency() + ")");
    }

    private void serve(SocketConnection conn) {
        SERVING.set(this);
        conn.handlerThread(Thread.currentThread());
        Throwable failure = null;
        InetAddress counted = admission.countedAtAccept(conn.remoteAddress());
        try {
            if (conn.abortReason() == null && admission.proxied()) counted = admission.arrive(conn);
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
     * The last steps before the handler, on the connection's own thread: the rate limits, then the TLS handshake
     * (within its deadline, so a peer that never finishes it holds no thread for long). A failed handshake throws;
     * the connection then closes as {@code tls-failed} and the handler never runs.
     */
    private void prepare(SocketConnection conn) throws IOException {
        conn.limit(config.options().rateLimit() > 0 ? new RateLimiter(config.options().rateLimit()) : null, totalRate);
        if (tls != null) conn.startTls(tls, null);
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
            if (!clean && !registry.abortAll(ABORT_WAIT, aborted)) {
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

    private void closeWaiting() {
        admission.closeWaiting();
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
