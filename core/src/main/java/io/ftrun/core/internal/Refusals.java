package io.ftrun.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;

/**
 * Turns a connection away with an answer the peer can read. Closing a socket while the peer's bytes are still
 * unread makes the kernel send a reset, and a reset can reach the peer before it has read our answer (a framed
 * sender's HELLO typically arrives just after the accept). So each refusal is sent, the write side closed, and
 * the peer's bytes read and dropped until it closes too or {@link #LINGER_MILLIS} pass, on a cheap thread of its
 * own so the accept loop never waits. At most {@link #MAX_LINGERING} linger at once; past that a refusal is
 * closed at once, as before.
 */
public final class Refusals {
    static final int LINGER_MILLIS = 500;
    static final int MAX_LINGERING = 256;
    private static final int MAX_DRAINED = 1 << 20;

    private final ThreadFactory threads;
    private final Semaphore lingering = new Semaphore(MAX_LINGERING);

    public Refusals(String serverName) {
        this.threads = Threads.factory("ftrun-" + serverName + "-refusal-");
    }

    /** Sends {@code answer} (may be null: nothing to say), then closes the connection without resetting it. */
    public void refuse(SocketChannel ch, byte[] answer) {
        try {
            // a fresh socket's send buffer is empty, so this short write does not block
            if (answer != null) ch.write(ByteBuffer.wrap(answer));
            ch.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(ch); // the refused peer is gone already
            return;
        }
        if (!lingering.tryAcquire()) {
            closeQuietly(ch);
            return;
        }
        try {
            threads.newThread(() -> {
                try {
                    drain(ch);
                } finally {
                    closeQuietly(ch);
                    lingering.release();
                }
            }).start();
        } catch (RuntimeException | Error e) { // no thread to be had: close now
            lingering.release();
            closeQuietly(ch);
        }
    }

    private static void drain(SocketChannel ch) {
        try {
            ch.socket().setSoTimeout(LINGER_MILLIS);
            byte[] sink = new byte[8192];
            long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
            var in = ch.socket().getInputStream();
            for (long drained = 0; drained < MAX_DRAINED && System.nanoTime() - deadline < 0; ) {
                int n = in.read(sink);
                if (n < 0) return;
                drained += n;
            }
        } catch (IOException ignored) {
            // timeout or reset: the peer had its chance to read the answer
        }
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
