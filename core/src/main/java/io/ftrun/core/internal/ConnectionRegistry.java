package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import io.ftrun.core.ShutdownReport;

import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections a server is serving, with its global and per-address limits, and the connections parked over a
 * limit (accepted, unread, without a thread) until there is room for them.
 */
public final class ConnectionRegistry {
    /** A connection accepted over a limit, waiting unread; {@code address} is what it will be counted as. */
    public record Parked(SocketChannel channel, InetAddress address) {
    }

    private static final long ABORT_RECHECK_NANOS = 50_000_000;

    private final int max;
    private final int maxPerAddress;
    private final int maxParked;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Set<SocketConnection> active = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Parked> parked = new ArrayDeque<>();
    private int admitted;
    private boolean accepting = true;
    private boolean parking = true;

    public ConnectionRegistry(int max, int maxPerAddress, int maxParked) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.maxParked = maxParked;
    }

    /**
     * Reserves a slot for a connection from {@code address}; returns why not, or null when admitted. A null
     * address is not known yet (behind a load balancer, until the PROXY header is read): only the global limit
     * applies now, and {@link #tryAdmitAddress} counts the address once it is known.
     */
    public synchronized String tryAdmit(InetAddress address) {
        if (globalFull()) return "server at its limit of " + max + " connections";
        String why = address == null ? null : tryAdmitAddress(address);
        if (why == null) admitted++;
        return why;
    }

    /** Counts one more connection from {@code address} (admitted already); returns why not, or null when counted. */
    public synchronized String tryAdmitAddress(InetAddress address) {
        if (addressFull(address)) return "address at its limit of " + maxPerAddress + " connections";
        perAddress.merge(address, 1, Integer::sum);
        return null;
    }

    /**
     * Waits until {@code address} is below its limit, then counts it (for a connection admitted already, behind a
     * load balancer). False when the server stopped accepting first.
     */
    public synchronized boolean awaitAddress(InetAddress address) throws InterruptedException {
        while (accepting && addressFull(address)) wait();
        if (!accepting) return false;
        perAddress.merge(address, 1, Integer::sum);
        return true;
    }

    /**
     * For handlers whose peers wait rather than read a refusal: blocks the accept loop while the server is full or
     * its parking is, so new connections wait in the kernel's listen queue. False once the server stops accepting.
     */
    public synchronized boolean awaitRoomToAccept() throws InterruptedException {
        while (accepting && (globalFull() || parked.size() >= maxParked)) wait();
        return accepting;
    }

    /** Parks an accepted connection that is over a limit; it is admitted by {@link #awaitAdmissible} when room frees. */
    public synchronized void park(SocketChannel channel, InetAddress address) {
        parked.add(new Parked(channel, address));
        notifyAll();
    }

    /**
     * Waits until a parked connection fits under the limits (the oldest that fits, so one busy address does not
     * hold back the others), admits it and returns it; null once parking has been closed.
     */
    public synchronized Parked awaitAdmissible() throws InterruptedException {
        while (parking) {
            if (!globalFull()) {
                for (Iterator<Parked> it = parked.iterator(); it.hasNext(); ) {
                    Parked p = it.next();
                    if (p.address() != null && addressFull(p.address())) continue;
                    it.remove();
                    admitted++;
                    if (p.address() != null) perAddress.merge(p.address(), 1, Integer::sum);
                    notifyAll(); // the accept loop may wait for room in the parking
                    return p;
                }
            }
            wait();
        }
        return null;
    }

    /** Frees the slot of a connection that ended; {@code address} is the one counted for it, or null if none was. */
    public synchronized void release(InetAddress address) {
        admitted--;
        if (address != null) perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        notifyAll();
    }

    /** No more waiting for room to accept (the server is shutting down); parked connections are still admitted. */
    public synchronized void stopAccepting() {
        accepting = false;
        notifyAll();
    }

    /** Ends parking: the connections still parked are returned (never served; the caller closes them). */
    public synchronized List<Parked> closeParking() {
        parking = false;
        List<Parked> left = new ArrayList<>(parked);
        parked.clear();
        notifyAll();
        return left;
    }

    public synchronized int parked() {
        return parked.size();
    }

    private boolean globalFull() {
        return max > 0 && admitted >= max;
    }

    private boolean addressFull(InetAddress address) {
        return maxPerAddress > 0 && perAddress.getOrDefault(address, 0) >= maxPerAddress;
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

    /**
     * Waits until no connection is admitted or parked, or the deadline (System.nanoTime) passes; true when drained.
     */
    public synchronized boolean awaitDrained(long deadlineNanos) throws InterruptedException {
        while (admitted > 0 || !parked.isEmpty()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) return false;
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * Aborts every active connection (at shutdown) and waits up to {@code within} for their handlers to end,
     * adding each to {@code aborted}. Repeats, because the accept thread may still admit the one connection it
     * accepted just before the listener closed. True when all ended in time.
     */
    public boolean abortAll(Duration within, List<ShutdownReport.Aborted> aborted) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            // Queued connections first: once a running handler is woken, its pool thread takes the next queued
            // task at once, which must already be marked aborted, or its handler would start just to be cut off.
            List<SocketConnection> all = new ArrayList<>(active);
            all.sort(Comparator.comparing(SocketConnection::handlerRunning));
            for (SocketConnection c : all) {
                if (c.abortReason() != null) continue; // already going, for its own reason
                aborted.add(new ShutdownReport.Aborted(c.id(), c.remoteAddress(), c.bytesIn(), c.bytesOut()));
                c.abort(CloseReason.SHUTDOWN_ABORTED);
            }
            long now = System.nanoTime();
            if (awaitDrained(Math.min(deadline, now + ABORT_RECHECK_NANOS))) return true;
            if (now - deadline >= 0) return false;
        }
    }
}
