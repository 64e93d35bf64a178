package io.ftrun.core;

import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.security.TlsConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An immutable client configuration: where to connect, how hard to try, and how to talk. */
public final class ClientConfig {
    private final String name;
    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final int retries;
    private final Duration retryBackoff;
    private final Duration maxBackoff;
    private final Duration readTimeout;
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

    private ClientConfig(Builder b) {
        this.name = b.name;
        this.host = Objects.requireNonNull(b.host, "client has no host");
        if (b.port < 1 || b.port > 65535) throw new IllegalArgumentException("client port must be 1..65535, was " + b.port);
        this.port = b.port;
        this.connectTimeout = b.connectTimeout;
        this.retries = b.retries;
        this.retryBackoff = b.retryBackoff;
        this.maxBackoff = b.maxBackoff;
        this.readTimeout = b.readTimeout;
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

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().name(name).host(host).port(port).connectTimeout(connectTimeout).retries(retries)
                .retryBackoff(retryBackoff, maxBackoff).readTimeout(readTimeout).writeTimeout(writeTimeout)
                .chunkSize(chunkSize).progressInterval(progressInterval).tcpNoDelay(tcpNoDelay).codec(codec).rateLimit(rateLimit)
                .receiveBufferSize(receiveBufferSize).sendBufferSize(sendBufferSize);
        if (tls != null) b.tls(tls);
        listeners.forEach(b::listener);
        return b;
    }

    public String name() { return name; }
    public String host() { return host; }
    public int port() { return port; }
    public Duration connectTimeout() { return connectTimeout; }
    /** How many times a failed connect is tried again (0 = once only). */
    public int retries() { return retries; }
    /** First wait between attempts; doubled each time up to {@link #maxBackoff()}. */
    public Duration retryBackoff() { return retryBackoff; }
    public Duration maxBackoff() { return maxBackoff; }
    public Duration readTimeout() { return readTimeout; }
    public Duration writeTimeout() { return writeTimeout; }
    public int chunkSize() { return chunkSize; }
    /** How often at most a connection emits a {@code progress} event while bytes flow; zero = never. */
    public Duration progressInterval() { return progressInterval; }
    public boolean tcpNoDelay() { return tcpNoDelay; }
    /** SO_RCVBUF, set before connecting (so the window scale offered in the handshake covers it); 0 = the kernel's default, autotuned. */
    public int receiveBufferSize() { return receiveBufferSize; }
    /** SO_SNDBUF; 0 = the kernel's default, autotuned. */
    public int sendBufferSize() { return sendBufferSize; }
    public Codec codec() { return codec; }
    public List<EventListener> listeners() { return listeners; }
    /** TLS to the server, or null for plain TCP. */
    public TlsConfig tls() { return tls; }
    /** Bytes per second this connection may move, reads and writes together; 0 = unlimited. */
    public long rateLimit() { return rateLimit; }

    public static final class Builder {
        private String name = "client";
        private String host = "127.0.0.1";
        private int port;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int retries = 0;
        private Duration retryBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private Duration progressInterval = Duration.ofMillis(500);
        private int chunkSize = ServerConfig.DEFAULT_CHUNK_SIZE;
        private boolean tcpNoDelay = true;
        private int receiveBufferSize = 0;
        private int sendBufferSize = 0;
        private Codec codec = Codecs.chunks(ServerConfig.DEFAULT_CHUNK_SIZE);
        private final List<EventListener> listeners = new ArrayList<>();
        private TlsConfig tls;
        private long rateLimit;

        private Builder() {
        }

        public Builder name(String name) { this.name = Objects.requireNonNull(name); return this; }
        public Builder host(String host) { this.host = Objects.requireNonNull(host); return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder connectTimeout(Duration d) { this.connectTimeout = ServerConfig.Builder.nonNegative(d, "connectTimeout"); return this; }

        public Builder retries(int n) {
            if (n < 0) throw new IllegalArgumentException("retries must not be negative, was " + n);
            this.retries = n;
            return this;
        }

        public Builder retryBackoff(Duration first, Duration max) {
            this.retryBackoff = ServerConfig.Builder.nonNegative(first, "retryBackoff");
            this.maxBackoff = ServerConfig.Builder.nonNegative(max, "maxBackoff");
            return this;
        }

        public Builder readTimeout(Duration d) { this.readTimeout = ServerConfig.Builder.nonNegative(d, "readTimeout"); return this; }
        public Builder writeTimeout(Duration d) { this.writeTimeout = ServerConfig.Builder.nonNegative(d, "writeTimeout"); return this; }

        public Builder chunkSize(int size) {
            if (size < 512 || size > (64 << 20)) throw new IllegalArgumentException("chunkSize must be 512 B..64 MiB, was " + size);
            this.chunkSize = size;
            return this;
        }

        public Builder progressInterval(Duration d) { this.progressInterval = ServerConfig.Builder.nonNegative(d, "progressInterval"); return this; }
        public Builder tcpNoDelay(boolean on) { this.tcpNoDelay = on; return this; }

        /** The socket's receive buffer (SO_RCVBUF) in bytes, set before connecting; 0 = the kernel's default, with autotuning. */
        public Builder receiveBufferSize(int size) {
            if (size < 0) throw new IllegalArgumentException("receiveBufferSize must not be negative, was " + size);
            this.receiveBufferSize = size;
            return this;
        }

        /** The socket's send buffer (SO_SNDBUF) in bytes; 0 = the kernel's default, with autotuning. */
        public Builder sendBufferSize(int size) {
            if (size < 0) throw new IllegalArgumentException("sendBufferSize must not be negative, was " + size);
            this.sendBufferSize = size;
            return this;
        }

        public Builder codec(Codec codec) { this.codec = Objects.requireNonNull(codec); return this; }
        public Builder listener(EventListener l) { this.listeners.add(Objects.requireNonNull(l)); return this; }

        /** Speak TLS to the server: check its certificate against {@code trust} (or the JDK's authorities) and pins. */
        public Builder tls(TlsConfig tls) { this.tls = Objects.requireNonNull(tls, "tls"); return this; }

        /** Holds the connection to this many bytes per second, reads and writes together; 0 = no limit. */
        public Builder rateLimit(long bytesPerSecond) {
            if (bytesPerSecond < 0) throw new IllegalArgumentException("rateLimit must not be negative, was " + bytesPerSecond);
            this.rateLimit = bytesPerSecond;
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
