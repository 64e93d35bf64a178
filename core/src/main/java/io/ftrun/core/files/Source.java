package io.ftrun.core.files;

import io.ftrun.core.codec.InputBuffer;

import java.io.EOFException;
import java.io.IOException;

/**
 * The read side of a transfer: the connection's {@link InputBuffer}, after any bytes that were already read to
 * detect the protocol (they are replayed first, so detection consumes nothing).
 */
final class Source {
    private final InputBuffer in;
    private byte[] replay;
    private int replayPos;

    Source(InputBuffer in, byte[] replay) {
        this.in = in;
        this.replay = replay == null || replay.length == 0 ? null : replay;
    }

    /** Reads at most {@code len} bytes; -1 at end of stream. */
    int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (replay != null) {
            int n = Math.min(len, replay.length - replayPos);
            System.arraycopy(replay, replayPos, dst, off, n);
            replayPos += n;
            if (replayPos == replay.length) replay = null;
            return n;
        }
        return in.read(dst, off, len);
    }

    /**
     * Hands the next {@code count} bytes to {@code sink} (the replayed ones first), chunk by chunk, through the
     * connection's buffer: {@link InputBuffer#transferTo}. Returns how many: {@code count}, or fewer at end of stream.
     */
    long transferTo(InputBuffer.ChunkSink sink, long count) throws IOException {
        long done = 0;
        if (replay != null && count > 0) {
            int n = (int) Math.min(count, replay.length - replayPos);
            sink.accept(replay, replayPos, n);
            replayPos += n;
            done = n;
            if (replayPos == replay.length) replay = null;
        }
        return done + in.transferTo(sink, count - done);
    }

    /** Reads exactly {@code len} bytes, or throws {@link EOFException} naming what was being read. */
    void readFully(byte[] dst, int off, int len, String what) throws IOException {
        while (len > 0) {
            int n = read(dst, off, len);
            if (n < 0) throw new EOFException("peer closed the connection in the middle of " + what + " (" + len + " bytes missing)");
            off += n;
            len -= n;
        }
    }

    /**
     * Reads up to {@code len} bytes, stopping early only at end of stream; returns how many were read. Used to
     * detect the protocol from a connection's first bytes.
     */
    int readUpTo(byte[] dst, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = read(dst, got, len - got);
            if (n < 0) break;
            got += n;
        }
        return got;
    }
}
