package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces write timeouts and TLS handshake deadlines. Blocking socket writes have no timeout of their own (and a
 * read timeout does not stop a handshake that trickles), so each connection publishes the deadline of the step in
 * progress and one daemon thread closes connections that are overdue. The thread
 * runs only while some connection is registered, so nothing lingers after the last server or client stops.
 */
final class Watchdog {
    static final Watchdog INSTANCE = new Watchdog();
    private static final long TICK_MILLIS = 50;

    private final Set<SocketConnection> watched = ConcurrentHashMap.newKeySet();
    private Thread thread;

    synchronized void register(SocketConnection c) {
        watched.add(c);
        if (thread == null) {
            thread = new Thread(this::run, "ftrun-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void unregister(SocketConnection c) {
        watched.remove(c);
    }

    private void run() {
        while (true) {
            synchronized (this) {
                // Checked and cleared under the lock: if an interrupt ended the thread without clearing it,
                // register() would never start another and write timeouts would silently stop working.
                if (watched.isEmpty() || Thread.currentThread().isInterrupted()) {
                    thread = null;
                    return;
                }
            }
            long now = System.nanoTime();
            for (SocketConnection c : watched) {
                CloseReason overdue = c.overdue(now);
                if (overdue != null) c.abort(overdue);
            }
            Threads.sleep(TICK_MILLIS);
        }
    }
}
