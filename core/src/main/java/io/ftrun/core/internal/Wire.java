package io.ftrun.core.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * Moves one connection's bytes over its current {@link Transport} (plain, then TLS once {@link #switchTo} is
 * called): reads within the rate limits, and the write loops, which re-arm the write deadline with every step,
 * count bytes out and tick progress. It knows nothing of events or addresses; its owner hears of progress through
 * {@code progressed} and explains a forcibly closed socket through {@code explain}.
 */
final class Wire {
    private final Deadlines deadlines;
    private final Throttle throttle;
    private final LongConsumer progressed;
    private final UnaryOperator<IOException> explain;
    private final AtomicLong bytesOut = new AtomicLong();
    private volatile Transport transport;

    /**
     * @param progressed called after bytes moved, with the count just read that the input buffer has not counted
     *                   yet (0 for writes); the owner emits a progress event if one is due
     * @param explain    turns the exception a socket closed under a read or write throws into the reason it was closed
     */
    Wire(Transport initial, Deadlines deadlines, Throttle throttle, LongConsumer progressed, UnaryOperator<IOException> explain) {
        this.transport = initial;
        this.deadlines = deadlines;
        this.throttle = throttle;
        this.progressed = progressed;
        this.explain = explain;
    }

    Transport transport() {
        return transport;
    }

    Throttle throttle() {
        return throttle;
    }

    /** From now on bytes move over {@code next} (TLS after its handshake); the input stream follows. */
    void switchTo(Transport next) {
        transport = next;
    }

    long bytesOut() {
        return bytesOut.get();
    }

    /** A stream over whatever transport is current; {@code metered} adds progress on reads (only when someone listens). */
    InputStream input(boolean metered) {
        return new Input(metered);
    }

    void writeAll(ByteBuffer... buffers) throws IOException {
        deadlines.armWrite();
        try {
            long remaining = 0;
            for (ByteBuffer b : buffers) remaining += b.remaining();
            while (remaining > 0) {
                long n = transport.write(buffers);
                remaining -= n;
                if (n > 0) moved(n);
            }
        } catch (IOException e) {
            throw explain.apply(e);
        } finally {
            deadlines.clearWrite();
        }
    }

    /** Sends {@code count} bytes of {@code fc} from {@code position}: {@code transferTo} (sendfile) when plain. */
    long transferFrom(FileChannel fc, long position, long count) throws IOException {
        long sent = 0;
        try {
            while (sent < count) {
                deadlines.armWrite();
                long n = transport.transferFrom(fc, position + sent, Math.min(throttle.fileSlice(), count - sent));
                if (n <= 0) {
                    if (position + sent >= fc.size()) throw new EOFException("file shrank while it was being sent");
                    continue;
                }
                sent += n;
                moved(n);
            }
            return sent;
        } catch (IOException e) {
            throw explain.apply(e);
        } finally {
            deadlines.clearWrite();
        }
    }

    private void moved(long n) throws IOException {
        bytesOut.addAndGet(n);
        deadlines.armWrite();
        progressed.accept(0);
        throttle.charge(n);
    }

    private final class Input extends InputStream {
        private final boolean metered;

        Input(boolean metered) {
            this.metered = metered;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = transport.input().read(b, off, len);
            } catch (IOException e) {
                throw explain.apply(e);
            }
            if (n > 0) {
                throttle.chargeRead(n);
                if (metered) progressed.accept(n);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return transport.available();
        }
    }
}
