package io.ftrun.core;

import io.ftrun.core.internal.Threads;

/**
 * How a server runs its connections' handlers.
 * <ul>
 *   <li>{@link #serial()}: one connection at a time, on the accept thread. Others wait in the kernel's backlog.
 *       The naive tutorial server, kept for comparison and for handlers that must not overlap.</li>
 *   <li>{@link #threads()}: a platform thread per connection; a thread whose connection ended serves the next
 *       one (idle threads end after a minute).</li>
 *   <li>{@link #pool(int, int)}: a fixed pool of threads; connections beyond it wait in a bounded queue, and
 *       past that queue are refused with a message.</li>
 *   <li>{@link #virtual()}: a virtual thread per connection (JDK 21+). On JDK 17 it falls back to platform
 *       threads and the server emits one warning.</li>
 *   <li>{@link #auto()}, the default: a platform thread per connection while up to {@value #AUTO_PLATFORM_THREADS}
 *       are served at once, a virtual thread for each one past that (JDK 21+; on JDK 17 platform threads only).</li>
 * </ul>
 * Why the default mixes them: a platform thread blocked in {@code read} is woken by the kernel directly, while a
 * virtual thread parks and is woken through the JDK's poller and scheduler, one more hand-over per message. For
 * request/response traffic that halves the round trips per second (docs/PERFORMANCE.md, scenario 4); virtual
 * threads only pay off where there are more connections than platform threads are cheap for (thousands, mostly
 * idle: scenario 5).
 */
public final class Concurrency {
    public enum Kind { SERIAL, THREADS, POOL, VIRTUAL, AUTO }

    /** Connections served at once on platform threads under {@link #auto()} before virtual threads take over. */
    public static final int AUTO_PLATFORM_THREADS = 256;

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

    /**
     * Platform threads for the first {@value #AUTO_PLATFORM_THREADS} connections served at once, virtual threads
     * past that where the JDK has them (else platform threads throughout); no warning either way.
     */
    public static Concurrency auto() {
        return auto(AUTO_PLATFORM_THREADS);
    }

    /** Like {@link #auto()}, with virtual threads taking over past {@code platformThreads} connections at once. */
    public static Concurrency auto(int platformThreads) {
        if (platformThreads < 0) throw new IllegalArgumentException("platform threads must not be negative, was " + platformThreads);
        return new Concurrency(Kind.AUTO, platformThreads, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** The pool's threads ({@link Kind#POOL}), or the platform threads before virtual ones ({@link Kind#AUTO}). */
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
            case AUTO:
                if (!Threads.virtualAvailable()) return "threads";
                return poolSize == 0 ? "virtual" : "threads, virtual past " + poolSize + " at once";
            default:
                return kind.name().toLowerCase();
        }
    }
}
