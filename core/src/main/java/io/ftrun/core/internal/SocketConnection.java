package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import io.ftrun.core.Connection;
import io.ftrun.core.ConnectionOptions;
import io.ftrun.core.codec.ByteSink;
import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.InputBuffer;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.internal.tls.TlsLayer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Connection} over a blocking {@link SocketChannel}: a composition. Bytes move over a {@link Wire} (plain,
 * or TLS after {@link #startTls}; rate limits, write loops, metering); its {@link Deadlines} are checked by the
 * {@link Watchdog}; why it ended comes from {@link CloseReasons} or the reason it was cut off for. What stays here:
 * its identity and addresses (the client's from a PROXY header, announced once), its events, and closing once.
 */
public final class SocketConnection implements Connection, ByteSink {
    private final long id;
    private final String owner;
    private final SocketChannel channel;
    private final PeerAddress peer;
    private final InetSocketAddress local;
    private final Codec codec;
    private final InputBuffer input;
    private final Deadlines deadlines;
    private final EventListener events;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Instant opened = Instant.now();
    private final ProgressTicker progress;
    private volatile boolean watched;
    private final Wire wire;
    private volatile CloseReason abortReason;
    private final HandlerThread handler = new HandlerThread();
    private volatile Duration readTimeout; // the socket's now: how long a read that timed out waited

    /**
     * @param options  the connection's settings: its codec, chunk size, timeouts, progress interval (zero, or
     *                 nobody listening, turns progress events off at no cost)
     * @param announce false to hold back the {@code connection-opened} event until {@link #announce()}: a server
     *                 behind a load balancer first learns the client's address from the PROXY header
     */
    public SocketConnection(long id, String owner, SocketChannel channel, ConnectionOptions options, EventListener events,
                            boolean announce) throws IOException {
        this.id = id;
        this.owner = owner;
        this.channel = channel;
        this.codec = options.codec();
        this.events = events;
        this.peer = new PeerAddress((InetSocketAddress) channel.getRemoteAddress());
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.deadlines = new Deadlines(System::nanoTime, options.writeTimeout());
        boolean listened = events != EventListener.NONE;
        this.progress = new ProgressTicker(System::nanoTime, listened ? options.progressInterval() : Duration.ZERO);
        readTimeout(options.idleTimeout());
        this.wire = new Wire(new PlainTransport(channel), deadlines, new Throttle(deadlines), this::progressed,
                e -> SocketTimeouts.named(deadlines.explain(abortReason, e), e, peer.remote(), readTimeout));
        this.input = new InputBuffer(wire.input(progress.enabled()), options.chunkSize());
        if (deadlines.writesTimed()) watch();
        if (announce) announce();
    }

    /**
     * Reports the connection as opened, once. A connection never announced (refused for its PROXY header) closes
     * without a {@code connection-closed} event either: its {@code connection-refused} event tells the story.
     */
    public void announce() {
        if (peer.announce()) events.onEvent(new Events.ConnectionOpened(opened, owner, id, peer.remote(), local, peer.proxiedBy()));
    }

    /**
     * Records the real client address a load balancer reported in a PROXY header: from now on it is
     * {@link #remoteAddress()}, and the balancer's address is {@link #proxiedBy()}. Only before {@link #announce()}.
     */
    public void proxied(InetSocketAddress client) {
        peer.proxied(client, id);
    }

    @Override public long id() { return id; }
    @Override public InetSocketAddress remoteAddress() { return peer.remote(); }
    @Override public InetSocketAddress proxiedBy() { return peer.proxiedBy(); }
    @Override public InetSocketAddress localAddress() { return local; }
    @Override public Map<String, Object> attributes() { return attributes; }
    @Override public Codec codec() { return codec; }
    @Override public InputBuffer input() { return input; }
    @Override public long bytesIn() { return input.bytesRead(); }
    @Override public long bytesOut() { return wire.bytesOut(); }
    @Override public boolean isOpen() { return !closed.get() && channel.isOpen(); }
    @Override public String owner() { return owner; }
    @Override public void emit(io.ftrun.core.event.Event event) { events.onEvent(event); }
    public SocketChannel channel() { return channel; }

    /**
     * Why the watchdog must cut this connection off now, or null: a write, a TLS handshake or a header past its
     * deadline, or a peer below the minimum rate.
     */
    CloseReason overdue(long now) {
        return deadlines.overdue(now, bytesIn());
    }

    /** Hands this connection to the watchdog, once; it stays watched until closed. */
    private void watch() {
        if (watched) return;
        watched = true;
        Watchdog.INSTANCE.register(this);
    }

    @Override
    public void readDeadline(Duration within) {
        deadlines.headerWithin(within);
        watch();
    }

    @Override
    public void clearReadDeadline() {
        deadlines.clearHeader();
    }

    @Override
    public void minReadRate(long bytesPerSecond, Duration grace) {
        deadlines.minRate(bytesPerSecond, grace, bytesIn());
        if (bytesPerSecond > 0) watch();
    }

    /**
     * Holds reads and writes back to these rates (bytes per second): e.g. one bucket of this connection's own and
     * one its server shares among all connections; null for a limit that is off. Set before the handler runs.
     */
    public void limit(RateLimiter... buckets) {
        wire.throttle().limit(buckets);
    }

    /**
     * Switches this connection to TLS and completes the handshake, within the layer's handshake timeout (a peer that
     * stalls or trickles is cut off, never holding a thread). Bytes the input buffer already holds are handed to TLS
     * as the start of the peer's handshake. On failure the connection is unusable and the caller closes it.
     *
     * @param peerHost the name the client connected to (for SNI and the host name check); unused on a server
     */
    public void startTls(TlsLayer layer, String peerHost) throws IOException {
        TlsTransport tls = TlsHandshake.complete(channel.socket(), layer, peerHost, peer.remote().getPort(), input.takeBuffered(),
                deadlines, this::watch, () -> abortReason);
        attributes.put(TLS, tls.describe());
        String named = tls.peerName();
        if (named != null) attributes.put(TLS_PEER, named);
        wire.switchTo(tls);
    }

    /** Application bytes readable without blocking: buffered here, or waiting in the socket (decrypted, under TLS). */
    @Override
    public int available() {
        try {
            return input.buffered() + wire.transport().available();
        } catch (IOException | RuntimeException e) {
            return 0; // cannot tell: the caller reads later anyway
        }
    }

    @Override
    public void send(Codec c, byte[] message) throws IOException {
        c.write(this, message, 0, message.length);
    }

    @Override
    public void write(ByteBuffer... buffers) throws IOException {
        writeAll(buffers);
    }

    @Override
    public void writeAll(ByteBuffer... buffers) throws IOException {
        wire.writeAll(buffers);
    }

    @Override
    public long sendFile(Path file, long position, long count) throws IOException {
        try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
            return transferFrom(fc, position, Math.min(count, Math.max(0, fc.size() - position)));
        }
    }

    /** Sends {@code count} bytes of {@code fc} from {@code position} with {@code transferTo} (sendfile on Linux). */
    public long transferFrom(FileChannel fc, long position, long count) throws IOException {
        return wire.transferFrom(fc, position, count);
    }

    /**
     * Emits a progress event if one is due ({@link ProgressTicker}).
     *
     * @param unreadIn bytes just read that the input buffer has not counted yet (it counts a read when the stream
     *                 returns, after the meter saw it): without them the first event of a connection said 0 bytes
     */
    private void progressed(long unreadIn) {
        if (progress.due()) events.onEvent(new Events.Progress(Instant.now(), owner, id, peer.remote(), bytesIn() + unreadIn, bytesOut()));
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (isOpen()) wire.transport().shutdownOutput();
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        channel.socket().setSoTimeout(SocketTimeouts.millis(timeout));
        readTimeout = timeout;
    }

    /**
     * Closes the connection from another thread (timeouts, shutdown, a slow group member), recording why, and
     * interrupts its handler if one is running: a handler sleeping or waiting on a lock must wake up too.
     */
    @Override
    public void abort(CloseReason reason) {
        if (abortReason == null) abortReason = reason;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing an already broken socket: nothing more to do
        }
        handler.interrupt();
    }

    /** Records the thread running this connection's handler (null when it ends), so {@link #abort} can wake it. */
    public void handlerThread(Thread t) {
        handler.set(t);
    }

    /** Whether a handler runs for this connection now (false while it waits in a pool's queue, and after). */
    public boolean handlerRunning() {
        return handler.running();
    }

    public CloseReason abortReason() {
        return abortReason;
    }

    @Override
    public void close() {
        close(null);
    }

    /**
     * Ends this connection as refused before its handler ran, leaving the socket open: the caller sends the refusal
     * and closes it ({@link Refusals}), so the peer can read why.
     */
    public void refused() {
        if (abortReason == null) abortReason = CloseReason.REFUSED;
        if (!closed.compareAndSet(false, true)) return;
        Watchdog.INSTANCE.unregister(this);
        closedEvent(null);
    }

    /** Closes and reports the end of the connection once, with the reason derived from {@code failure}. */
    public void close(Throwable failure) {
        if (!closed.compareAndSet(false, true)) return;
        if (abortReason == null && wire.transport() instanceof TlsTransport tls) {
            deadlines.armWrite(); // close_notify to a peer that stopped reading must not hang us: the watchdog cuts it off
            tls.close();
        }
        Watchdog.INSTANCE.unregister(this);
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
        closedEvent(failure);
    }

    private void closedEvent(Throwable failure) {
        if (!peer.announced()) return;
        CloseReason reason = reasonFor(failure);
        String error = failure == null ? null : CloseReasons.describe(failure);
        events.onEvent(new Events.ConnectionClosed(Instant.now(), owner, id, peer.remote(), reason, bytesIn(), bytesOut(),
                Duration.between(opened, Instant.now()), error));
    }

    /** The reason this connection ends with: the one it was cut off for, or what {@code failure} says ({@link CloseReasons}). */
    public CloseReason reasonFor(Throwable failure) {
        return abortReason != null ? abortReason : CloseReasons.of(failure);
    }

    @Override
    public String toString() {
        return "connection#" + id + " " + peer.remote();
    }
}
