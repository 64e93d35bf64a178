package io.ftrun.core;

import io.ftrun.core.security.AddressFilter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An immutable server configuration. Build one with {@link #builder()}. */
public final class ServerConfig {
    /** Default chunk size for reads and writes: {@link ConnectionOptions#DEFAULT_CHUNK_SIZE}. */
    public static final int DEFAULT_CHUNK_SIZE = ConnectionOptions.DEFAULT_CHUNK_SIZE;
    /**
     * Default listen backlog: 4096, Linux's own default ceiling ({@code net.core.somaxconn} since 5.4), which the
     * kernel applies anyway. A burst larger than the queue is not only slowed down: see {@link Builder#backlog}.
     */
    public static final int DEFAULT_BACKLOG = 4096;

    private final String name;
    private final String host;
    private final int port;
    private final int backlog;
    private final boolean reuseAddress;
    private final Concurrency concurrency;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int maxWaiting;
    private final Duration shutdownGrace;
    private final Handler handler;
    private final String refusalMessage;
    private final AddressFilter addressFilter;
    private final long totalRateLimit;
    private final ConnectionOptions options;
    private final ProxyProtocol proxyProtocol;
    private final Duration proxyHeaderTimeout;
    private final AddressFilter trustedProxies;

    private ServerConfig(Builder b) {
        this.name = b.name();
        this.host = b.host();
        this.port = b.port();
        this.backlog = b.backlog;
        this.reuseAddress = b.reuseAddress;
        this.concurrency = b.concurrency;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.maxWaiting = b.maxWaiting;
        this.shutdownGrace = b.shutdownGrace;
        this.handler = Objects.requireNonNull(b.handler, "server '" + name + "' has no handler");
        this.refusalMessage = b.refusalMessage;
        this.options = b.buildOptions();
        if (options.tls() != null && !options.tls().hasIdentity()) {
            throw new IllegalArgumentException("server '" + name + "': TLS needs a certificate and key (PEM files or a PKCS#12 key store)");
        }
        this.addressFilter = AddressFilter.of(b.allow, b.deny);
        this.totalRateLimit = b.totalRateLimit;
        this.proxyProtocol = b.proxyProtocol;
        this.proxyHeaderTimeout = b.proxyHeaderTimeout;
        this.trustedProxies = AddressFilter.of(b.trustedProxies, List.of());
        if (proxyProtocol == ProxyProtocol.OFF && !trustedProxies.isAllowAll()) {
            throw new IllegalArgumentException("server '" + name + "' lists trusted proxies but does not expect the PROXY protocol");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() { return name; }
    public String host() { return host; }
    public int port() { return port; }
    /** Length of the kernel's queue of connections not yet accepted. Not a limit on clients. */
    public int backlog() { return backlog; }
    public boolean reuseAddress() { return reuseAddress; }
    public Concurrency concurrency() { return concurrency; }
    /** Connections served at once, all addresses together; 0 = unlimited. */
    public int maxConnections() { return maxConnections; }
    /** Connections served at once from one remote address; 0 = unlimited. */
    public int maxConnectionsPerAddress() { return maxConnectionsPerAddress; }
    /** Connections accepted over a limit that may wait, unread, for a slot (see {@link AtLimit#waitForSlot()}). */
    public int maxWaiting() { return maxWaiting; }
    public Duration shutdownGrace() { return shutdownGrace; }
    public Handler handler() { return handler; }
    /** The line sent to a refused connection before it is closed; null sends nothing. */
    public String refusalMessage() { return refusalMessage; }
    /** How each connection runs: timeouts, chunk size, socket options, codec, listeners, TLS, per-connection rate limit. */
    public ConnectionOptions options() { return options; }
    /** Which remote addresses may connect (judged on the real address, after any PROXY header). */
    public AddressFilter addressFilter() { return addressFilter; }
    /** Bytes per second all connections together may move, reads and writes together; 0 = unlimited. */
    public long totalRateLimit() { return totalRateLimit; }
    /** Whether every connection starts with a load balancer's PROXY protocol header, and which version. */
    public ProxyProtocol proxyProtocol() { return proxyProtocol; }
    /** How long a connection may take to send its whole PROXY header. */
    public Duration proxyHeaderTimeout() { return proxyHeaderTimeout; }
    /** The only peers allowed to send a PROXY header (addresses and CIDR ranges); allow-all = any peer. */
    public AddressFilter trustedProxies() { return trustedProxies; }

    /** A mutable builder; {@link #build()} validates and freezes it. The connection settings are {@link ConnectionOptions.Builder}'s. */
    public static final class Builder extends ConnectionOptions.Builder<Builder> {
        private int backlog = DEFAULT_BACKLOG;
        private boolean reuseAddress = true;
        private Concurrency concurrency = Concurrency.auto();
        private int maxConnections = 0;
        private int maxConnectionsPerAddress = 0;
        private int maxWaiting = 1024;
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private Handler handler;
        private String refusalMessage = "ERROR server busy, try again later\n";
        private final List<String> allow = new ArrayList<>();
        private final List<String> deny = new ArrayList<>();
        private long totalRateLimit;
        private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;
        private Duration proxyHeaderTimeout = Duration.ofSeconds(3);
        private final List<String> trustedProxies = new ArrayList<>();

        private Builder() {
            super("server", "0.0.0.0", Duration.ZERO);
        }

        /**
         * The length of the kernel's queue of connections that completed the TCP handshake but that the server
         * has not accepted yet (the {@code listen(5)} of the tutorials). It is not a limit on clients: a server
         * with a backlog of 1 serves any number at once. Limit clients with {@link #maxConnections} and
         * {@link #maxConnectionsPerAddress}. The kernel caps it ({@code net.core.somaxconn} on Linux,
         * {@code kern.ipc.somaxconn} on macOS).
         * <p>Keep it larger than the bursts the server must take while its accept loop is behind (docs/RELIABILITY.md,
         * "The listen queue"). When the queue is full, Linux drops new SYNs (the clients retry after a second, which
         * is harmless), but connections whose handshake completes while it is full, by a SYN cookie or a pending
         * request, can be reset by the kernel when their data arrives: a sender is reset before the server ever saw
         * it, and a raw sender that had already written and closed never learns that its file was lost.
         */
        public Builder backlog(int backlog) {
            if (backlog < 1) throw new IllegalArgumentException("backlog must be at least 1, was " + backlog);
            this.backlog = backlog;
            return this;
        }

        public Builder reuseAddress(boolean on) { this.reuseAddress = on; return this; }
        public Builder concurrency(Concurrency c) { this.concurrency = Objects.requireNonNull(c); return this; }

        /**
         * At most this many connections at once; 0 = no limit. What a connection past it gets depends on the handler
         * ({@link Handler#atLimit()}): a refusal it can read, or, for peers that cannot read one (raw uploads), a wait
         * in the kernel's listen queue: the server accepts no more until a connection ends.
         */
        public Builder maxConnections(int max) {
            if (max < 0) throw new IllegalArgumentException("maxConnections must not be negative, was " + max);
            this.maxConnections = max;
            return this;
        }

        /**
         * At most this many connections at once from one address; 0 = no limit. Past it, a handler's peers read a
         * refusal or, when they cannot read one (raw uploads), are accepted and parked unread, without a thread, until
         * a connection from the same address ends: other addresses are served meanwhile.
         */
        public Builder maxConnectionsPerAddress(int max) {
            if (max < 0) throw new IllegalArgumentException("maxConnectionsPerAddress must not be negative, was " + max);
            this.maxConnectionsPerAddress = max;
            return this;
        }

        /**
         * How many connections may be parked over the per-address limit at once (default 1024); past that the server
         * stops accepting until one is admitted, and new connections wait in the kernel's listen queue.
         */
        public Builder maxWaiting(int max) {
            if (max < 1) throw new IllegalArgumentException("maxWaiting must be at least 1, was " + max);
            this.maxWaiting = max;
            return this;
        }

        public Builder shutdownGrace(Duration d) { this.shutdownGrace = nonNegative(d, "shutdownGrace"); return this; }

        public Builder handler(Handler handler) { this.handler = Objects.requireNonNull(handler); return this; }
        public Builder refusalMessage(String message) { this.refusalMessage = message; return this; }

        /**
         * Only these addresses or CIDR ranges may connect ({@code "10.0.0.0/8"}, {@code "::1"}). Others are closed at
         * once with a {@code connection-refused} event, and read nothing: no refusal text tells a scanner what runs here.
         */
        public Builder allow(String... addressesOrRanges) {
            for (String a : addressesOrRanges) AddressFilter.of(java.util.List.of(a), java.util.List.of()); // fail early, by entry
            allow.addAll(java.util.List.of(addressesOrRanges));
            return this;
        }

        /** These addresses or CIDR ranges may not connect, even if {@link #allow}ed. */
        public Builder deny(String... addressesOrRanges) {
            for (String a : addressesOrRanges) AddressFilter.of(java.util.List.of(), java.util.List.of(a));
            deny.addAll(java.util.List.of(addressesOrRanges));
            return this;
        }

        /** Holds all connections together to this many bytes per second, reads and writes together; 0 = no limit. */
        public Builder totalRateLimit(long bytesPerSecond) {
            if (bytesPerSecond < 0) throw new IllegalArgumentException("totalRateLimit must not be negative, was " + bytesPerSecond);
            this.totalRateLimit = bytesPerSecond;
            return this;
        }

        /**
         * Expects a load balancer's PROXY protocol header at the start of every connection ({@link ProxyProtocol}).
         * The header is read on the connection's own thread, within {@link #proxyHeaderTimeout}, before
         * per-address limits and the handler; a connection without a valid one is refused.
         */
        public Builder proxyProtocol(ProxyProtocol p) { this.proxyProtocol = Objects.requireNonNull(p); return this; }

        /** How long a connection may take to send its whole PROXY header (3 s by default); must be positive. */
        public Builder proxyHeaderTimeout(Duration d) {
            if (nonNegative(d, "proxyHeaderTimeout").isZero()) throw new IllegalArgumentException("proxyHeaderTimeout must be positive");
            this.proxyHeaderTimeout = d;
            return this;
        }

        /**
         * The load balancers' addresses or ranges ({@code "10.0.0.5"}, {@code "10.1.0.0/16"}, {@code "fd00::/8"}): only
         * they may send a PROXY header; a connection from any other address is refused before anything is read.
         * None listed: any peer may, so the port must be reachable from the balancers only. IP literals only: a host
         * name would be resolved once here and silently trusted forever after.
         */
        public Builder trustedProxies(String... addresses) {
            for (String a : addresses) {
                try {
                    AddressFilter.of(List.of(Objects.requireNonNull(a, "trusted proxy address")), List.of());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("trusted proxy must be an IP address or CIDR range, not '" + a + "'");
                }
                trustedProxies.add(a.trim());
            }
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
