package io.ftrun.core.health;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drain mode for rolling restarts behind a load balancer: once started, the health check answers 503 so the
 * balancer sends no new clients, and whoever registered with {@link #onStart} stops accepting and lets the
 * transfers in flight finish. Started once; later calls change nothing.
 */
public final class Drain {
    private final AtomicBoolean started = new AtomicBoolean();
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();

    public boolean isDraining() {
        return started.get();
    }

    /** Runs {@code action} (on its own thread) when draining starts. */
    public void onStart(Runnable action) {
        actions.add(action);
    }

    /** Starts draining; true for the call that started it, false if it had started already. */
    public boolean start() {
        if (!started.compareAndSet(false, true)) return false;
        for (Runnable a : actions) {
            Thread t = new Thread(a, "ftrun-drain");
            t.setDaemon(true);
            t.start();
        }
        return true;
    }
}
