package io.ftrun.core.internal;

// Over 300 lines, to be split further: docs/ARCHITECTURE.md, "Not done yet" (issue 13).

import io.ftrun.core.CloseReason;
import io.ftrun.core.Connection;
import io.ftrun.core.ConnectionOptions;
import io.ftrun.core.Message;
import io.ftrun.core.codec.ByteSink;
import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.InputBuffer;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Connection} over a blocking {@link SocketChannel}. Bytes move through a {@link Transport}: plain (reads
 * through the socket's stream adaptor, which honours the read timeout; gathering writes and {@code transferTo} to the
 * channel) or, after {@link #startTls}, TLS over the same socket. Writes run under the {@link Watchdog}'s write
 * timeout; optional {@link RateLimiter}s hold back reads and writes.
 */
public final class SocketConnection implements Connection, ByteSink {
    private final long id;
    private final String owner;
    private final SocketChannel channel;
    /** The peer; replaced by the client's address from a PROXY protocol header before the connection is announced. */
    private volatile InetSocketAddress remote;
    private volatile InetSocketAddress proxiedBy;
    private volatile boolean announced;
    private final InetSocketAddress local;
    private final Codec codec;
    private final InputBuffer input;
    private final Deadlines deadlines;
    private final EventListener events;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Instant opened = Instant.now();
    private final ProgressTicker progress;
    private volatile boolean watched;
    private volatile Transport transport;
    private final Throttle throttle;
    private volatile CloseReason abortReason;
    private Thread handlerThread; // guarded by this

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
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.deadlines = new Deadlines(System::nanoTime, options.writeTimeout());
        this.throttle = new Throttle(deadlines);
        boolean listened = events != EventListener.NONE;
        this.progress = new ProgressTicker(System::nanoTime, listened ? options.progressInterval() : Duration.ZERO);
        channel.socket().setSoTimeout(toMillis(options.idleTimeout()));
        this.transport = new PlainTransport(channel);
        InputStream in = new TransportInput(this);
        this.input = new InputBuffer(progress.enabled() ? new Metered(in, this) : in, options.chunkSize());
        if (deadlines.writesTimed()) watch();
        if (announce) announce();
    }

    /**
     * Reports the connection as opened, once. A connection never announced (refused for its PROXY header) closes
     * without a {@code connection-closed} event either: its {@code connection-refused} event tells the story.
     */
    public void announce() {
        if (announced) return;
        announced = true;
        events.onEvent(new Events.ConnectionOpened(opened, owner, id, remote, local, proxiedBy));
    }

    /**
     * Records the real client address a load balancer reported in a PROXY header: from now on it is
     * {@link #remoteAddress()}, and the balancer's address is {@link #proxiedBy()}. Only before {@link #announce()}.
     */
    public void proxied(InetSocketAddress client) {
        if (announced) throw new IllegalStateException("connection #" + id + " was announced with its address already");
        proxiedBy = remote;
        remote = client;
    }

    private static int toMillis(Duration d) {
        return d.isZero() ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    @Override public long id() { return id; }
    @Override public InetSocketAddress remoteAddress() { return remote; }
    @Override public InetSocketAddress proxiedBy() { return proxiedBy; }
    @Override public InetSocketAddress localAddress() { return local; }
    @Override public Map<String, Object> attributes() { return attributes; }
    @Override public Codec codec() { return codec; }
    @Override public InputBuffer input() { return input; }
    @Override public long bytesIn() { return input.bytesRead(); }
    @Override public long bytesOut() { return bytesOut.get(); }
    @Override public boolean isOpen() { return !closed.get() && channel.isOpen(); }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public void emit(io.ftrun.core.event.Event event) {
        events.onEvent(event);
    }

    public SocketChannel channel() {
        return channel;
    }

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
     * one its server shares among all connections. Set before the handler runs.
     */
    public void limit(RateLimiter... buckets) {
        throttle.limit(buckets);
    }

    /**
     * Switches this connection to TLS and completes the handshake, within the layer's handshake timeout (a peer that
     * stalls or trickles is cut off, never holding a thread). Bytes the input buffer already holds are handed to TLS
     * as the start of the peer's handshake. On failure the connection is unusable and the caller closes it.
     *
     * @param peerHost the name the client connected to (for SNI and the host name check); unused on a server
     */
    public void startTls(io.ftrun.core.internal.tls.TlsLayer layer, String peerHost) throws IOException {
        byte[] consumed = input.takeBuffered();
        javax.net.ssl.SSLSocket ssl = layer.layer(channel.socket(), peerHost, remote.getPort(), consumed);
        int idleMillis = channel.socket().getSoTimeout();
        deadlines.handshakeWithin(layer.handshakeTimeout());
        watch();
        try {
            channel.socket().setSoTimeout(toMillis(layer.handshakeTimeout()));
            ssl.startHandshake();
            channel.socket().setSoTimeout(idleMillis);
        } catch (IOException e) {
            if (abortReason == CloseReason.TLS_FAILED) {
                throw new javax.net.ssl.SSLException("TLS handshake not completed within " + layer.handshakeTimeout().toMillis() + " ms", e);
            }
            // always an SSLException, so the connection closes as tls-failed (not idle-timeout or peer-reset)
            throw e instanceof javax.net.ssl.SSLException ? e : new javax.net.ssl.SSLException("TLS handshake failed: " + e.getMessage(), e);
        } finally {
            deadlines.clearHandshake();
        }
        Transport tls = new TlsTransport(ssl);
        attributes.put("tls", tls.describe());
        try {
            java.security.Principal peer = ssl.getSession().getPeerPrincipal();
            attributes.put("tls.peer", peer.getName());
        } catch (javax.net.ssl.SSLPeerUnverifiedException anonymous) {
            // the peer presented no certificate (no mutual TLS): nothing to record
        }
        transport = tls;
    }

    /** "plain", or the TLS version and cipher suite. */
    public String transportDescription() {
        return transport.describe();
    }

    /** Application bytes readable without blocking: buffered here, or waiting in the socket (decrypted, under TLS). */
    @Override
    public int available() {
        try {
            return input.buffered() + transport.available();
        } catch (IOException | RuntimeException e) {
            return 0; // cannot tell: the caller reads later anyway
        }
    }

    @Override
    public Message receive() throws IOException {
        return receive(codec);
    }

    @Override
    public Message receive(Codec c) throws IOException {
        byte[] bytes = c.read(input);
        return bytes == null ? null : new Message(bytes, c.charset());
    }

    @Override
    public void send(byte[] message) throws IOException {
        codec.write(this, message, 0, message.length);
    }

    @Override
    public void send(String text) throws IOException {
        send(text.getBytes(codec.charset()));
    }

    @Override
    public void send(Codec c, byte[] message) throws IOException {
        c.write(this, message, 0, message.length);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        writeAll(ByteBuffer.wrap(bytes, offset, length));
    }

    @Override
    public void write(ByteBuffer... buffers) throws IOException {
        writeAll(buffers);
    }

    @Override
    public void writeAll(ByteBuffer... buffers) throws IOException {
        deadlines.armWrite();
        try {
            long remaining = 0;
            for (ByteBuffer b : buffers) remaining += b.remaining();
            while (remaining > 0) {
                long n = transport.write(buffers);
                remaining -= n;
                bytesOut.addAndGet(n);
                if (n > 0) {
                    deadlines.armWrite();
                    progressed(0);
                    throttle.charge(n);
                }
            }
        } catch (IOException e) {
            throw translate(e);
        } finally {
            deadlines.clearWrite();
        }
    }

    @Override
    public long sendFile(Path file) throws IOException {
        try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
            return transferFrom(fc, 0, fc.size());
        }
    }

    @Override
    public long sendFile(Path file, long position, long count) throws IOException {
        try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
            return transferFrom(fc, position, Math.min(count, Math.max(0, fc.size() - position)));
        }
    }

    /** Sends {@code count} bytes of {@code fc} from {@code position} with {@code transferTo} (sendfile on Linux). */
    public long transferFrom(FileChannel fc, long position, long count) throws IOException {
        long sent = 0;
        try {
            while (sent < count) {
                deadlines.armWrite();
                long n = transport.transferFrom(fc, position + sent, Math.min(throttle.fileSlice(), count - sent));
                if (n <= 0) {
                    if (position + sent >= fc.size()) throw new EOFException("file shrank while it was being sent");
                    continue;
                }
                sent += n;
                bytesOut.addAndGet(n);
                progressed(0);
                throttle.charge(n);
            }
            return sent;
        } catch (IOException e) {
            throw translate(e);
        } finally {
            deadlines.clearWrite();
        }
    }

    /**
     * Emits a progress event if one is due ({@link ProgressTicker}).
     *
     * @param unreadIn bytes just read that the input buffer has not counted yet (it counts a read when the stream
     *                 returns, after the meter saw it): without them the first event of a connection said 0 bytes
     */
    private void progressed(long unreadIn) {
        if (progress.due()) events.onEvent(new Events.Progress(Instant.now(), owner, id, remote, bytesIn() + unreadIn, bytesOut()));
    }

    /** Reads from whatever transport is current (plain, then TLS after {@link #startTls}), within the rate limits. */
    private static final class TransportInput extends InputStream {
        private final SocketConnection owner;

        TransportInput(SocketConnection owner) {
            this.owner = owner;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = owner.transport.input().read(b, off, len);
            } catch (IOException e) {
                throw owner.translate(e);
            }
            if (n > 0) owner.throttle.charge(n);
            return n;
        }

        @Override
        public int available() throws IOException {
            return owner.transport.available();
        }
    }

    /** Counts reads towards progress events. Only installed when someone listens. */
    private static final class Metered extends FilterInputStream {
        private final SocketConnection owner;

        Metered(InputStream in, SocketConnection owner) {
            super(in);
            this.owner = owner;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) owner.progressed(n);
            return n;
        }
    }

    /** Turns the exception a forcibly closed socket throws into one that says why it was closed. */
    private IOException translate(IOException e) {
        CloseReason r = abortReason;
        if (r == CloseReason.WRITE_TIMEOUT) {
            return new SocketTimeoutException("write timed out: the peer did not read for " + deadlines.writeTimeout().toMillis() + " ms");
        }
        if (r == CloseReason.SHUTDOWN_ABORTED) {
            return new InterruptedIOException("connection aborted by server shutdown");
        }
        if (r == CloseReason.HEADER_TIMEOUT) {
            return new SocketTimeoutException("the peer did not send a complete header within " + deadlines.headerMillis() + " ms");
        }
        if (r == CloseReason.TOO_SLOW) {
            return new SocketTimeoutException("the peer sent data below the minimum rate of " + deadlines.minRate() + " bytes/s");
        }
        return e;
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (isOpen()) transport.shutdownOutput();
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        channel.socket().setSoTimeout(toMillis(timeout));
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
        synchronized (this) {
            if (handlerThread != null) handlerThread.interrupt();
        }
    }

    /** Records the thread running this connection's handler (null when it ends), so {@link #abort} can wake it. */
    public synchronized void handlerThread(Thread t) {
        handlerThread = t;
    }

    /** Whether a handler runs for this connection now (false while it waits in a pool's queue, and after). */
    public synchronized boolean handlerRunning() {
        return handlerThread != null;
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
        if (abortReason == null && transport instanceof TlsTransport) {
            deadlines.armWrite(); // close_notify to a peer that stopped reading must not hang us: the watchdog cuts it off
            transport.close();
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
        if (!announced) return;
        CloseReason reason = reasonFor(failure);
        String error = failure == null ? null : CloseReasons.describe(failure);
        events.onEvent(new Events.ConnectionClosed(Instant.now(), owner, id, remote, reason, bytesIn(), bytesOut(),
                Duration.between(opened, Instant.now()), error));
    }

    /** The reason this connection ends with: the one it was cut off for, or what {@code failure} says ({@link CloseReasons}). */
    public CloseReason reasonFor(Throwable failure) {
        return abortReason != null ? abortReason : CloseReasons.of(failure);
    }

    @Override
    public String toString() {
        return "connection#" + id + " " + remote;
    }
}
