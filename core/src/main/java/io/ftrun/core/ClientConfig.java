package io.ftrun.core;

import java.time.Duration;

/**
 * An immutable client configuration: where to connect, how hard to try, and how each connection runs
 * ({@link #options()}, the settings a server has too).
 */
public final class ClientConfig {
    private final String name;
    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final int retries;
    private final Duration retryBackoff;
    private final Duration maxBackoff;
    private final ConnectionOptions options;

    private ClientConfig(Builder b) {
        this.name = b.name();
        this.host = b.host();
        if (b.port() == 0) throw new IllegalArgumentException("client port must be 1..65535, was 0");
        this.port = b.port();
        this.connectTimeout = b.connectTimeout;
        this.retries = b.retries;
        this.retryBackoff = b.retryBackoff;
        this.maxBackoff = b.maxBackoff;
        this.options = b.buildOptions();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().name(name).host(host).port(port).connectTimeout(connectTimeout).retries(retries)
                .retryBackoff(retryBackoff, maxBackoff).options(options);
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
    /** How the connection runs: timeouts, chunk size, socket options, codec, listeners, TLS, rate limit. */
    public ConnectionOptions options() { return options; }

    /** The client's own settings; the connection's are {@link ConnectionOptions.Builder}'s (a read gives up after 60 s by default). */
    public static final class Builder extends ConnectionOptions.Builder<Builder> {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int retries = 0;
        private Duration retryBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);

        private Builder() {
            super("client", "127.0.0.1", Duration.ofSeconds(60));
        }

        public Builder connectTimeout(Duration d) { this.connectTimeout = nonNegative(d, "connectTimeout"); return this; }

        public Builder retries(int n) {
            if (n < 0) throw new IllegalArgumentException("retries must not be negative, was " + n);
            this.retries = n;
            return this;
        }

        public Builder retryBackoff(Duration first, Duration max) {
            this.retryBackoff = nonNegative(first, "retryBackoff");
            this.maxBackoff = nonNegative(max, "maxBackoff");
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
