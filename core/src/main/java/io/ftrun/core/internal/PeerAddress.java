package io.ftrun.core.internal;

import java.net.InetSocketAddress;

/**
 * Who a server connection is talking to. A direct peer is known at accept; behind a load balancer the client's
 * address arrives in the PROXY header, and replaces the balancer's ({@link #proxied}) before anyone hears of the
 * connection. So {@code connection-opened} is held back until {@link #announce()}, which says yes exactly once.
 */
final class PeerAddress {
    private volatile InetSocketAddress remote;
    private volatile InetSocketAddress proxiedBy;
    private volatile boolean announced;

    PeerAddress(InetSocketAddress remote) {
        this.remote = remote;
    }

    InetSocketAddress remote() {
        return remote;
    }

    /** The balancer's address when {@link #remote()} came from a PROXY header; null for a direct peer. */
    InetSocketAddress proxiedBy() {
        return proxiedBy;
    }

    boolean announced() {
        return announced;
    }

    /** Only before {@link #announce()}: the address is part of what was announced. */
    void proxied(InetSocketAddress client, long connectionId) {
        if (announced) throw new IllegalStateException("connection #" + connectionId + " was announced with its address already");
        proxiedBy = remote;
        remote = client;
    }

    /** True the first time only: the caller emits {@code connection-opened} then. */
    synchronized boolean announce() {
        if (announced) return false;
        announced = true;
        return true;
    }
}
