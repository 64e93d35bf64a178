package io.ftrun.core.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The connections a server is serving, with its global and per-address limits. */
public final class ConnectionRegistry {
    private final int max;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Set<SocketConnection> active = ConcurrentHashMap.newKeySet();
    private int admitted;

    public ConnectionRegistry(int max, int maxPerAddress) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Reserves a slot for a connection from {@code address}; returns why not, or null when admitted. A null
     * address is not known yet (behind a load balancer, until the PROXY header is read): only the global limit
     * applies now, and {@link #tryAdmitAddress} counts the address once it is known.
     */
    public synchronized String tryAdmit(InetAddress address) {
        if (max > 0 && admitted >= max) return "server at its limit of " + max + " connections";
        String why = address == null ? null : tryAdmitAddress(address);
        if (why == null) admitted++;
        return why;
    }

    /** Counts one more connection from {@code address} (admitted already); returns why not, or null when counted. */
    public synchronized String tryAdmitAddress(InetAddress address) {
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (maxPerAddress > 0 && fromAddress >= maxPerAddress) {
            return "address at its limit of " + maxPerAddress + " connections";
        }
        perAddress.put(address, fromAddress + 1);
        return null;
    }

    /** Frees the slot of a connection that ended; {@code address} is the one counted for it, or null if none was. */
    public synchronized void release(InetAddress address) {
        admitted--;
        if (address != null) perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        notifyAll();
    }

    public void track(SocketConnection c) {
        active.add(c);
    }

    public void untrack(SocketConnection c) {
        active.remove(c);
    }

    public List<SocketConnection> active() {
        return List.copyOf(active);
    }

    public synchronized int admitted() {
        return admitted;
    }

    /** Waits until no connection is admitted or the deadline (System.nanoTime) passes; true when drained. */
    public synchronized boolean awaitDrained(long deadlineNanos) throws InterruptedException {
        while (admitted > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) return false;
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
