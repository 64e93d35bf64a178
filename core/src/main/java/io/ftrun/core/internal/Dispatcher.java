package io.ftrun.core.internal;

import io.ftrun.core.Concurrency;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs connection tasks according to a {@link Concurrency} strategy. */
public abstract class Dispatcher {
    /** Runs or schedules the task; false when the strategy has no room for it (the connection is refused). */
    public abstract boolean dispatch(Runnable task);

    public void shutdown() {
    }

    /** Whether the requested strategy had to be replaced (virtual threads on JDK 17). */
    public boolean fellBack() {
        return false;
    }

    public static Dispatcher create(Concurrency c, String name) {
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
                return new Pooled(c.poolSize(), c.queueSize(), Threads.platformFactory("ftrun-" + name + "-pool-"));
            case VIRTUAL:
                return new PerTask(Threads.factory("ftrun-" + name + "-", true), !Threads.virtualAvailable());
            case AUTO:
                if (!Threads.virtualAvailable()) return new PerTask(Threads.platformFactory("ftrun-" + name + "-"), false);
                return new Mixed(c.poolSize(), Threads.platformFactory("ftrun-" + name + "-"),
                        Threads.factory("ftrun-" + name + "-v", true));
            default:
                return new PerTask(Threads.platformFactory("ftrun-" + name + "-"), false);
        }
    }

    private static final class PerTask extends Dispatcher {
        private final ThreadFactory factory;
        private final boolean fellBack;

        PerTask(ThreadFactory factory, boolean fellBack) {
            this.factory = factory;
            this.fellBack = fellBack;
        }

        @Override
        public boolean dispatch(Runnable task) {
            factory.newThread(task).start();
            return true;
        }

        @Override
        public boolean fellBack() {
            return fellBack;
        }
    }

    /** A platform thread per connection while fewer than {@code limit} run on them, a virtual thread past that. */
    private static final class Mixed extends Dispatcher {
        private final int limit;
        private final ThreadFactory platform;
        private final ThreadFactory virtual;
        private final AtomicInteger onPlatform = new AtomicInteger();

        Mixed(int limit, ThreadFactory platform, ThreadFactory virtual) {
            this.limit = limit;
            this.platform = platform;
            this.virtual = virtual;
        }

        @Override
        public boolean dispatch(Runnable task) {
            if (onPlatform.incrementAndGet() > limit) {
                onPlatform.decrementAndGet();
                virtual.newThread(task).start();
                return true;
            }
            try {
                platform.newThread(() -> {
                    try {
                        task.run();
                    } finally {
                        onPlatform.decrementAndGet();
                    }
                }).start();
            } catch (RuntimeException | Error e) { // no thread could be started: the slot was never used
                onPlatform.decrementAndGet();
                throw e;
            }
            return true;
        }
    }

    private static final class Pooled extends Dispatcher {
        private final ExecutorService pool;

        Pooled(int threads, int queue, ThreadFactory factory) {
            BlockingQueue<Runnable> q = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
            this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, q, factory, new ThreadPoolExecutor.AbortPolicy());
        }

        @Override
        public boolean dispatch(Runnable task) {
            try {
                pool.execute(task);
                return true;
            } catch (RejectedExecutionException e) {
                return false;
            }
        }

        @Override
        public void shutdown() {
            pool.shutdown();
        }
    }
}
