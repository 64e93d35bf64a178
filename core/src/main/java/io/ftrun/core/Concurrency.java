package io.ftrun.core;

import io.ftrun.core.internal.Threads;

/**
 * How a server runs its connections' handlers.
 * <ul>
 *   <li>{@link #serial()}: one connection at a time, on the accept thread. Others wait in the kernel's backlog.
 *       The naive tutorial server, kept for comparison and for handlers that must not overlap.</li>
 *   <li>{@link #threads()}: a new platform thread per connection.</li>
 *   <li>{@link #pool(int, int)}: a fixed pool of threads; connections beyond it wait in a bounded queue, and
 *       past that queue are refused with a message.</li>
 *   <li>{@link #virtual()}: a virtual thread per connection (JDK 21+). On JDK 17 it falls back to platform
 *       threads and the server emits one warning.</li>
 * </ul>
 * The default, {@link #auto()}, is virtual threads where the JDK has them, else platform threads.
 */
public final class Concurrency {
    public enum Kind { SERIAL, THREADS, POOL, VIRTUAL }

    private final Kind kind;
    private final int poolSize;
    private final int queueSize;

    private Concurrency(Kind kind, int poolSize, int queueSize) {
        this.kind = kind;
        this.poolSize = poolSize;
        this.queueSize = queueSize;
    }

    public static Concurrency serial() {
        return new Concurrency(Kind.SERIAL, 1, 0);
    }

    public static Concurrency threads() {
        return new Concurrency(Kind.THREADS, 0, 0);
    }

    public static Concurrency pool(int threads) {
        return pool(threads, threads * 4);
    }

    public static Concurrency pool(int threads, int queue) {
        if (threads < 1) throw new IllegalArgumentException("pool size must be at least 1, was " + threads);
        if (queue < 0) throw new IllegalArgumentException("pool queue must not be negative, was " + queue);
        return new Concurrency(Kind.POOL, threads, queue);
    }

    public static Concurrency virtual() {
        return new Concurrency(Kind.VIRTUAL, 0, 0);
    }

    /** Virtual threads where available, else platform threads; no warning either way. */
    public static Concurrency auto() {
        return new Concurrency(Threads.virtualAvailable() ? Kind.VIRTUAL : Kind.THREADS, 0, 0);
    }

    public Kind kind() {
        return kind;
    }

    public int poolSize() {
        return poolSize;
    }

    public int queueSize() {
        return queueSize;
    }

    @Override
    public String toString() {
        switch (kind) {
            case POOL:
                return "pool(" + poolSize + ", queue " + queueSize + ")";
            default:
                return kind.name().toLowerCase();
        }
    }
}
