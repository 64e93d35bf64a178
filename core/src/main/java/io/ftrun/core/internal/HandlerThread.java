package io.ftrun.core.internal;

/**
 * The thread running a connection's handler, if one runs now (none while the connection waits in a pool's queue,
 * nor after), so that cutting the connection off also wakes a handler that sleeps or waits on a lock.
 */
final class HandlerThread {
    private Thread thread; // guarded by this

    synchronized void set(Thread t) {
        thread = t;
    }

    synchronized boolean running() {
        return thread != null;
    }

    synchronized void interrupt() {
        if (thread != null) thread.interrupt();
    }
}
