package io.ftrun.core.files;

import io.ftrun.core.internal.Threads;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Reads a sender's answers on a thread of its own while the sending thread writes. Read on the sending thread, the
 * answers owed had to stay below what the sockets buffer, or the receiver, blocked writing answers nobody read,
 * would stop reading our data while we blocked writing it: a window of a few hundred small files, a round trip
 * each, on a real link. Read here, the receiver can always write, and what is owed is bounded by memory only.
 *
 * <p>It reads exactly one frame for each {@link #expect}: never past the last answer due, so a session handed back
 * (a server that answered a GET) is read on by its owner once this reader is {@link #stop stopped}. Frames are
 * handed over whole, with their payload copied out of the connection's buffer. A read timeout before a frame's first
 * byte counts only when the sending thread has waited for an answer all along that read, as it did when it read
 * itself: meanwhile it was sending (or held to its rate limit), and the receiver owes nothing until it has read
 * that. So a silent receiver is given up after one to two idle timeouts.
 */
final class AnswerReader {
    private static final ThreadFactory THREADS = Threads.factory("ftrun-answers-");

    /** One answer as read: its type, payload length on the wire, and payload. */
    record Answer(int type, long length, ByteBuffer payload) {
    }

    private static final Object END_OF_STREAM = new Object();

    private final Frames frames;
    private final Semaphore due = new Semaphore(0);
    /**
     * {@link Answer}s in order, then at most one {@link IOException} or {@link #END_OF_STREAM}. This thread adds at
     * the end; the sending thread alone takes from the front (and may put back what it took there).
     */
    private final LinkedBlockingDeque<Object> arrived = new LinkedBlockingDeque<>();
    private final Thread thread;
    private volatile boolean stopping;
    /** Whether the sending thread waits in {@link #take}, and how many times it has begun to. */
    private volatile boolean waiting;
    private volatile long takes;
    /** Whether this thread is inside a read (a frame due, not yet whole). */
    private volatile boolean reading;

    AnswerReader(Frames frames) {
        this.frames = frames;
        this.thread = THREADS.newThread(this::run);
        thread.start();
    }

    /** One more answer is due: a request has been queued (it may not have been sent yet). */
    void expect() {
        due.release();
    }

    /** Whether an answer (or the reason there will be none) is here, so {@link #take} does not block. */
    boolean ready() {
        return !arrived.isEmpty();
    }

    /** The next answer, waiting for it; the reader's failure if reading failed. */
    Answer take(String expecting) throws IOException {
        Object o;
        takes++; // the sending thread's alone
        waiting = true;
        try {
            o = arrived.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while " + expecting + " was expected");
        } finally {
            waiting = false;
        }
        if (o instanceof Answer a) return a;
        arrived.add(o); // every later take fails the same way
        if (o == END_OF_STREAM) throw new EOFException("peer closed the connection while " + expecting + " was expected");
        throw (IOException) o;
    }

    /** Waits until an answer is here, or {@code endNanos} ({@link System#nanoTime}) passes: whether one is. */
    boolean awaitReady(long endNanos) {
        try {
            Object o = arrived.pollFirst(endNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (o == null) return false;
            arrived.addFirst(o); // nothing else takes, so it is still the first
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops reading once no frame is in the middle of being read, waiting at most {@code patience} for a read in
     * progress (answers still due when a session fails). What has arrived can still be taken.
     *
     * @return false if it is still in a read: then nobody else may read the connection, which must be closed
     */
    boolean stop(Duration patience) {
        stopping = true;
        due.release();
        try {
            thread.join(Math.max(1, patience.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive() || !reading;
    }

    private void run() {
        try {
            while (true) {
                due.acquire();
                if (stopping) return;
                reading = true;
                int type = nextFrame();
                if (type < 0) {
                    arrived.add(END_OF_STREAM);
                    return;
                }
                long length = frames.length();
                arrived.add(new Answer(type, length, frames.payload()));
                reading = false;
            }
        } catch (IOException e) {
            arrived.add(e);
        } catch (InterruptedException e) {
            // stopped
        }
    }

    private int nextFrame() throws IOException {
        while (true) {
            long take = takes;
            boolean waitedAtStart = waiting;
            try {
                return frames.nextWithoutFlush();
            } catch (SocketTimeoutException e) {
                // the sender waited all along: in one take() from before this read until now
                if (frames.midHeader() || stopping || (waitedAtStart && waiting && takes == take)) throw e;
            }
        }
    }
}
