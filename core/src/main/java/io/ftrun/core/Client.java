package io.ftrun.core;

import io.ftrun.core.event.EventListener;
import io.ftrun.core.event.Events;
import io.ftrun.core.internal.Reasons;
import io.ftrun.core.internal.SocketConnection;
import io.ftrun.core.internal.RateLimiter;
import io.ftrun.core.internal.Threads;
import io.ftrun.core.internal.tls.TlsLayer;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/** Opens client connections: connect with a timeout, retried with exponential backoff. */
public final class Client {
    private static final AtomicLong IDS = new AtomicLong();

    private Client() {
    }

    /**
     * Connects, trying {@code 1 + retries} times with doubling waits between attempts. The returned connection
     * uses the config's codec, timeouts and chunk size; close it when done.
     *
     * @throws ConnectException naming the address and the attempts when every attempt failed
     */
    public static Connection connect(ClientConfig config) throws IOException {
        return connect(config, InetAddress::getAllByName);
    }

    /** How a host name becomes addresses: the system's resolver, or a test's. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Each attempt tries every address the name has, in the resolver's order: {@code localhost} may be ::1 first and
     * the server listen on IPv4 only, or a name have a replica that is down. A name that does not resolve is not
     * retried: it will not resolve a second later either.
     */
    static Connection connect(ClientConfig config, Resolver resolver) throws IOException {
        ConnectionOptions options = config.options();
        EventListener events = EventListener.all(options.listeners());
        // Built once, before connecting: a missing trust file is a configuration error, not a reason to retry.
        TlsLayer tls = options.tls() == null ? null : TlsLayer.forClient(options.tls());
        long wait = config.retryBackoff().toMillis();
        IOException last = null;
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            if (attempt > 0) {
                if (!Threads.sleep(wait)) throw new InterruptedIOException("interrupted while waiting to reconnect");
                wait = Math.min(config.maxBackoff().toMillis(), Math.max(1, wait * 2));
            }
            InetAddress[] addresses;
            try {
                addresses = resolver.resolve(config.host());
            } catch (UnknownHostException e) {
                UnknownHostException u = new UnknownHostException("cannot resolve host " + config.host());
                u.initCause(e);
                throw u;
            }
            for (InetAddress address : addresses) {
                SocketChannel ch = SocketChannel.open();
                try {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, options.tcpNoDelay());
                    // before connect: the window scale is agreed in the handshake, so a receive buffer above 64 KiB set later could not be used fully
                    if (options.receiveBufferSize() > 0) ch.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
                    if (options.sendBufferSize() > 0) ch.setOption(StandardSocketOptions.SO_SNDBUF, options.sendBufferSize());
                    int timeout = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
                    ch.socket().connect(new InetSocketAddress(address, config.port()), timeout);
                    SocketConnection conn = new SocketConnection(IDS.incrementAndGet(), config.name(), ch, options, events, true);
                    if (options.rateLimit() > 0) conn.limit(new RateLimiter(options.rateLimit()));
                    if (tls != null) secure(conn, tls, config.host());
                    return conn;
                } catch (SSLException e) {
                    // a certificate or pin that does not match will not match on the next attempt either
                    ch.close();
                    throw new SSLException("TLS to " + config.host() + ":" + config.port() + " failed: " + e.getMessage(), e);
                } catch (IOException e) {
                    ch.close();
                    last = addresses.length > 1 ? withAddress(e, address) : e;
                }
            }
            if (attempt < config.retries()) {
                events.onEvent(Events.warning(config.name(), "connect", "connect to " + config.host() + ":" + config.port()
                        + " failed (" + Reasons.of(last) + "), attempt " + (attempt + 1) + " of " + (config.retries() + 1)));
            }
        }
        String why = Reasons.of(last);
        ConnectException e = new ConnectException("cannot connect to " + config.host() + ":" + config.port() + " after "
                + (config.retries() + 1) + " attempt(s): " + why);
        e.initCause(last);
        throw e;
    }

    /** Which of the name's addresses refused, when it has several. */
    private static IOException withAddress(IOException e, InetAddress address) {
        IOException named = new IOException(address.getHostAddress() + ": " + Reasons.of(e));
        named.initCause(e);
        return named;
    }

    /** The handshake; a failure closes the connection with reason {@code tls-failed} and is rethrown. */
    private static void secure(SocketConnection conn, TlsLayer tls, String host) throws IOException {
        try {
            conn.startTls(tls, host);
        } catch (IOException e) {
            conn.close(e);
            throw e instanceof SSLException ? e : new SSLException(e.getMessage(), e);
        }
    }
}
