package io.ftrun.core;

import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.security.TlsConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How each connection runs, on either side: its timeouts, chunk size, socket options, codec, listeners, TLS and
 * rate limit. {@link ServerConfig} and {@link ClientConfig} each hold one, built by their builders, which share
 * these settings through {@link Builder}: one definition, one validation, the same names on both sides.
 */
public final class ConnectionOptions {
    /** Default chunk size for reads and writes: 64 KiB, large enough for throughput, small enough for many peers. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private final Duration idleTimeout;
    private final Duration writeTimeout;
    private final int chunkSize;
    private final Duration progressInterval;
    private final boolean tcpNoDelay;
    private final int receiveBufferSize;
    private final int sendBufferSize;
    private final Codec codec;
    private final List<EventListener> listeners;
    private final TlsConfig tls;
    private final long rateLimit;

    private ConnectionOptions(Builder<?> b) {
        this.idleTimeout = b.idleTimeout;
        this.writeTimeout = b.writeTimeout;
        this.chunkSize = b.chunkSize;
        this.progressInterval = b.progressInterval;
        this.tcpNoDelay = b.tcpNoDelay;
        this.receiveBufferSize = b.receiveBufferSize;
        this.sendBufferSize = b.sendBufferSize;
        this.codec = b.codec;
        this.listeners = List.copyOf(b.listeners);
        this.tls = b.tls;
        this.rateLimit = b.rateLimit;
    }

    /** How long a read may wait for the peer's next bytes before the connection is closed; zero = no limit. */
    public Duration idleTimeout() { return idleTimeout; }
    /** How long a write may wait for a peer that does not read; zero = no limit. */
    public Duration writeTimeout() { return writeTimeout; }
    public int chunkSize() { return chunkSize; }
    /** How often at most a connection emits a {@code progress} event while bytes flow; zero = never. */
    public Duration progressInterval() { return progressInterval; }
    public boolean tcpNoDelay() { return tcpNoDelay; }
    /** SO_RCVBUF, set before the handshake (so the window scale offered covers it); 0 = the kernel's default, autotuned. */
    public int receiveBufferSize() { return receiveBufferSize; }
    /** SO_SNDBUF; 0 = the kernel's default, autotuned. */
    public int sendBufferSize() { return sendBufferSize; }
    public Codec codec() { return codec; }
    public List<EventListener> listeners() { return listeners; }
    /** TLS for the connection, or null for plain TCP. */
    public TlsConfig tls() { return tls; }
    /** Bytes per second one connection may move, reads and writes together; 0 = unlimited. */
    public long rateLimit() { return rateLimit; }

    /**
     * The settings every endpoint has: its name, host and port, and each connection's {@link ConnectionOptions}.
     * {@code ServerConfig.Builder} and {@code ClientConfig.Builder} extend it, so a setter and its check exist once.
     */
    public abstract static class Builder<B extends Builder<B>> {
        private String name;
        private String host;
        private int port;
        private Duration idleTimeout;
        private Duration writeTimeout = Duration.ofSeconds(60);
        private Duration progressInterval = Duration.ofMillis(500);
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private boolean tcpNoDelay = true;
        private int receiveBufferSize;
        private int sendBufferSize;
        private Codec codec = Codecs.chunks(DEFAULT_CHUNK_SIZE);
        private final List<EventListener> listeners = new ArrayList<>();
        private TlsConfig tls;
        private long rateLimit;

        /** The defaults that differ by side: a server listens on all interfaces and waits; a client gives up. */
        protected Builder(String name, String host, Duration idleTimeout) {
            this.name = name;
            this.host = host;
            this.idleTimeout = idleTimeout;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        public B name(String name) { this.name = Objects.requireNonNull(name, "name"); return self(); }
        public B host(String host) { this.host = Objects.requireNonNull(host, "host"); return self(); }

        /** 0..65535; a server's 0 picks a free port, a client needs a real one. */
        public B port(int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
            this.port = port;
            return self();
        }

        /** How long a read may wait for the peer's next bytes; zero = no limit (a server's default; a client's is 60 s). */
        public B idleTimeout(Duration d) { this.idleTimeout = nonNegative(d, "idleTimeout"); return self(); }
        public B writeTimeout(Duration d) { this.writeTimeout = nonNegative(d, "writeTimeout"); return self(); }

        public B chunkSize(int size) {
            if (size < 512 || size > (64 << 20)) throw new IllegalArgumentException("chunkSize must be 512 B..64 MiB, was " + size);
            this.chunkSize = size;
            return self();
        }

        public B progressInterval(Duration d) { this.progressInterval = nonNegative(d, "progressInterval"); return self(); }
        public B tcpNoDelay(boolean on) { this.tcpNoDelay = on; return self(); }

        /** The socket's receive buffer (SO_RCVBUF) in bytes, set before the handshake; 0 = the kernel's default, with autotuning. */
        public B receiveBufferSize(int size) { this.receiveBufferSize = nonNegative(size, "receiveBufferSize"); return self(); }
        /** The socket's send buffer (SO_SNDBUF) in bytes; 0 = the kernel's default, with autotuning. */
        public B sendBufferSize(int size) { this.sendBufferSize = nonNegative(size, "sendBufferSize"); return self(); }
        public B codec(Codec codec) { this.codec = Objects.requireNonNull(codec, "codec"); return self(); }
        public B listener(EventListener l) { this.listeners.add(Objects.requireNonNull(l, "listener")); return self(); }

        /** Every connection speaks TLS; the handshake runs on the connection's thread, within its timeout. */
        public B tls(TlsConfig tls) { this.tls = Objects.requireNonNull(tls, "tls"); return self(); }

        /** Holds each connection to this many bytes per second, reads and writes together; 0 = no limit. */
        public B rateLimit(long bytesPerSecond) {
            if (bytesPerSecond < 0) throw new IllegalArgumentException("rateLimit must not be negative, was " + bytesPerSecond);
            this.rateLimit = bytesPerSecond;
            return self();
        }

        /** Takes every connection setting of {@code o} (for a config's {@code toBuilder}). */
        protected B options(ConnectionOptions o) {
            idleTimeout = o.idleTimeout;
            writeTimeout = o.writeTimeout;
            chunkSize = o.chunkSize;
            progressInterval = o.progressInterval;
            tcpNoDelay = o.tcpNoDelay;
            receiveBufferSize = o.receiveBufferSize;
            sendBufferSize = o.sendBufferSize;
            codec = o.codec;
            listeners.clear();
            listeners.addAll(o.listeners);
            tls = o.tls;
            rateLimit = o.rateLimit;
            return self();
        }

        protected String name() { return name; }
        protected String host() { return host; }
        protected int port() { return port; }

        protected ConnectionOptions buildOptions() {
            return new ConnectionOptions(this);
        }

        /** The one check for every duration setting of both sides. */
        static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) throw new IllegalArgumentException(what + " must not be negative, was " + d);
            return d;
        }

        private static int nonNegative(int n, String what) {
            if (n < 0) throw new IllegalArgumentException(what + " must not be negative, was " + n);
            return n;
        }
    }
}
