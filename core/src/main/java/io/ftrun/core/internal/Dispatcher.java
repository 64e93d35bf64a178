package io.ftrun.core.internal;

import io.ftrun.core.Concurrency;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs connection tasks according to a {@link Concurrency} strategy. */
public abstract class Dispatcher {
    /** Runs or schedules the task; false when the strategy has no room for it (the connection is refused). */
    public abstract boolean dispatch(Runnable task);

    /**
     * Like {@link #dispatch(Runnable)}, but when the strategy is full (a pool and its queue) it waits for room
     * instead of refusing; false only once the dispatcher has been shut down.
     */
    public boolean dispatchWhenRoom(Runnable task) {
        return dispatch(task);
    }

    public void shutdown() {
    }

    /** Whether the requested strategy had to be replaced (virtual threads on JDK 17). */
    public boolean fellBack() {
        return false;
    }

    public static Dispatcher create(Concurrency c, String name) {
        String prefix = "ftrun-" + name + "-";
        switch (c.kind()) {
            case SERIAL:
                return new Dispatcher() {
                    @Override
                    public boolean dispatch(Runnable task) {
                        task.run();
                        return true;
                    }
                };
            case POOL:
                return new Pooled(c.poolSize(), c.queueSize(), Threads.platformFactory(prefix + "pool-"));
            case VIRTUAL:
                if (!Threads.virtualAvailable()) return new Cached(Threads.platformFactory(prefix), true);
                return new PerTask(Threads.factory(prefix));
            case AUTO:
                if (!Threads.virtualAvailable()) return new Cached(Threads.platformFactory(prefix), false);
                return new Mixed(c.poolSize(), new Cached(Threads.platformFactory(prefix), false), Threads.factory(prefix + "v"));
            default:
                return new Cached(Threads.platformFactory(prefix), false);
        }
    }

    /** A new thread per task: virtual threads, which cost next to nothing to start. */
    private static final class PerTask extends Dispatcher {
        private final ThreadFactory factory;

        PerTask(ThreadFactory factory) {
            this.factory = factory;
        }

        @Override
        public boolean dispatch(Runnable task) {
            factory.newThread(task).start();
            return true;
        }
    }

    /**
     * A platform thread per task, reusing one that finished a task in the last minute. Starting and ending a
     * platform thread per connection was half of what a JDK 17 server spent on 1000 concurrent 1 MiB uploads
     * beyond the kernel's work (docs/PERFORMANCE.md); an idle thread costs only its touched stack pages.
     */
    private static final class Cached extends Dispatcher {
        private final ThreadPoolExecutor threads;
        private final boolean fellBack;

        Cached(ThreadFactory factory, boolean fellBack) {
            this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
            this.fellBack = fellBack;
        }

        @Override
        public boolean dispatch(Runnable task) {
            try {
                threads.execute(task);
                return true;
            } catch (RejectedExecutionException e) { // shut down
                return false;
            }
        }

        @Override
        public void shutdown() {
            threads.shutdown(); // idle threads end now, busy ones when their connection does
        }

        boolean isShutDown() {
            return threads.isShutdown();
        }

        @Override
        public boolean fellBack() {
            return fellBack;
        }
    }

    /** A platform thread per connection while fewer than {@code limit} run on them, a virtual thread past that. */
    private static final class Mixed extends Dispatcher {
        private final int limit;
        private final Cached platform;
        private final ThreadFactory virtual;
        private final AtomicInteger onPlatform = new AtomicInteger();

        Mixed(int limit, Cached platform, ThreadFactory virtual) {
            this.limit = limit;
            this.platform = platform;
            this.virtual = virtual;
        }

        @Override
        public boolean dispatch(Runnable task) {
            if (platform.isShutDown()) return false; // no new connections on virtual threads either
            if (onPlatform.incrementAndGet() > limit) {
                onPlatform.decrementAndGet();
                virtual.newThread(task).start();
                return true;
            }
            boolean dispatched = false;
            try {
                dispatched = platform.dispatch(() -> {
                    try {
                        task.run();
                    } finally {
                        onPlatform.decrementAndGet();
                    }
                });
                return dispatched;
            } finally {
                if (!dispatched) onPlatform.decrementAndGet(); // the slot was never used
            }
        }

        @Override
        public void shutdown() {
            platform.shutdown();
        }
    }

    /**
     * A fixed number of threads and a bounded queue. The bound is a semaphore of threads + queue permits rather than
     * the queue's capacity: a thread that finished a task holds no permit while it goes back to the queue, so a
     * connection never bounces off a queue that only looks full.
     */
    private static final class Pooled extends Dispatcher {
        private final ThreadPoolExecutor pool;
        private final Semaphore room;

        Pooled(int threads, int queue, ThreadFactory factory) {
            this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
            this.room = new Semaphore(threads + queue);
        }

        @Override
        public boolean dispatch(Runnable task) {
            return room.tryAcquire() && submit(task);
        }

        @Override
        public boolean dispatchWhenRoom(Runnable task) {
            try {
                while (!room.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    if (pool.isShutdown()) return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return submit(task);
        }

        private boolean submit(Runnable task) {
            try {
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        room.release();
                    }
                });
                return true;
            } catch (RejectedExecutionException e) { // shut down
                room.release();
                return false;
            }
        }

        @Override
        public void shutdown() {
            pool.shutdown();
        }
    }
}
