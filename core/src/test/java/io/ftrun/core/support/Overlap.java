package io.ftrun.core.support;

import java.time.Duration;

/**
 * Measures how many handlers run at once. Each handler, once inside, waits (at most {@code patience}) until
 * {@code target} handlers are inside together. A strategy that allows overlap therefore shows it every time,
 * and one that does not shows none, without any wall-clock assertion.
 */
public final class Overlap {
    private final int target;
    private final Duration patience;
    private int running;
    private int max;
    private boolean reached; // once target handlers ran together, nobody waits any more

    public Overlap(int target, Duration patience) {
        this.target = target;
        this.patience = patience;
    }

    /** Runs {@code body} counted as one running handler, after waiting for {@code target} companions. */
    public <T> T run(java.util.concurrent.Callable<T> body) throws Exception {
        synchronized (this) {
            running++;
            max = Math.max(max, running);
            if (running >= target) reached = true;
            notifyAll();
            long deadline = System.nanoTime() + patience.toNanos();
            while (!reached) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                wait(Math.max(1, left / 1_000_000));
            }
        }
        try {
            return body.call();
        } finally {
            synchronized (this) {
                running--;
            }
        }
    }

    public synchronized int max() {
        return max;
    }
}
