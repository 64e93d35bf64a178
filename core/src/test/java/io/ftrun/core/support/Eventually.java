package io.ftrun.core.support;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Waits for a count the engine updates on its own threads (active connections, group members) to reach a value. */
public final class Eventually {
    private static final long TIMEOUT_NANOS = 10_000_000_000L;

    private Eventually() {
    }

    /** Polls {@code actual} until it equals {@code expected}; fails naming {@code what} after 10 s. */
    public static void equals(int expected, IntSupplier actual, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        int now;
        while ((now = actual.getAsInt()) != expected) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(what + ": expected " + expected + ", still " + now);
            Thread.sleep(2);
        }
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after 10 s. */
    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("not within 10 s: " + what);
            Thread.sleep(2);
        }
    }
}
