package io.ftrun.core;

import io.ftrun.core.internal.Threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Runs N client tasks at once (virtual threads where available) and joins their outcomes. */
public final class Clients {
    private Clients() {
    }

    /** One client's work; {@code index} runs from 0 to n-1. */
    @FunctionalInterface
    public interface Task<T> {
        T run(int index) throws Exception;
    }

    /**
     * Starts {@code n} tasks together and waits for all of them, at most {@code timeout} (zero = no limit).
     * Tasks still running at the timeout are interrupted and reported as failed; an interrupt of the waiting thread
     * interrupts them too, and is rethrown once they have ended (2 s at most).
     */
    public static <T> BatchResult<T> run(int n, Duration timeout, Task<T> task) throws InterruptedException {
        if (n < 1) throw new IllegalArgumentException("number of clients must be at least 1, was " + n);
        ThreadFactory threads = Threads.factory("ftrun-client-");
        List<BatchResult.Outcome<T>> outcomes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) outcomes.add(null);
        CountDownLatch done = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            final int index = i;
            Thread t = threads.newThread(() -> {
                long t0 = System.nanoTime();
                T value = null;
                Throwable error = null;
                try {
                    go.await();
                    value = task.run(index);
                } catch (Throwable e) {
                    error = e;
                }
                synchronized (outcomes) {
                    outcomes.set(index, new BatchResult.Outcome<>(index, value, error, Duration.ofNanos(System.nanoTime() - t0)));
                }
                done.countDown();
            });
            started.add(t);
            t.start();
        }
        go.countDown();
        boolean finished;
        try {
            finished = timeout.isZero() ? awaitAll(done) : done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // whoever interrupts the waiting thread (Ctrl-C) means the clients too: let them end their work cleanly
            // (a partial stays resumable, a watch reports what it sent) rather than die with the JVM
            started.forEach(Thread::interrupt);
            done.await(2, TimeUnit.SECONDS);
            throw e;
        }
        if (!finished) {
            started.forEach(Thread::interrupt);
            done.await(2, TimeUnit.SECONDS);
        }
        synchronized (outcomes) {
            for (int i = 0; i < n; i++) {
                if (outcomes.get(i) == null) {
                    outcomes.set(i, new BatchResult.Outcome<>(i, null,
                            new java.util.concurrent.TimeoutException("client " + i + " still running after " + timeout.toMillis() + " ms"), timeout));
                }
            }
            return new BatchResult<>(outcomes, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static boolean awaitAll(CountDownLatch done) throws InterruptedException {
        done.await();
        return true;
    }
}
