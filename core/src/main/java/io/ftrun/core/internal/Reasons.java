package io.ftrun.core.internal;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;

/** What a failure says in a message, and whether it was the run being stopped rather than the peer or the link. */
public final class Reasons {
    private Reasons() {
    }

    /** The exception's message, or its type when it has none (an interrupted channel's has none): never "null". */
    public static String of(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * True when the thread was interrupted, which is how a run is stopped (Ctrl-C, SIGTERM, an embedder's stop): a
     * session broken that way must not be tried again. A timeout is an {@link InterruptedIOException} too, but the
     * peer's doing, so it is not one.
     */
    public static boolean stopped(Throwable e) {
        if (Thread.currentThread().isInterrupted() || e instanceof ClosedByInterruptException) return true;
        return e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException);
    }
}
