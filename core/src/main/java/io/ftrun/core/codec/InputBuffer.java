package io.ftrun.core.codec;

import io.ftrun.core.internal.BigEndian;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The read side of a connection: one reusable buffer in front of a blocking input stream.
 *
 * <p>TCP delivers a byte stream, not messages: one {@code read} may return half a message or three of them.
 * Codecs therefore never read the socket directly; they ask this buffer for "the bytes up to a delimiter" or
 * "exactly n bytes", and whatever the last read brought beyond that stays buffered for the next message.
 * Not thread-safe: a connection has one reader.
 */
public final class InputBuffer {
    private final InputStream source;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long bytesRead;

    public InputBuffer(InputStream source, int chunkSize) {
        this.source = source;
        this.buf = new byte[Math.max(16, chunkSize)];
    }

    /** Bytes buffered but not consumed yet. */
    public int buffered() {
        return limit - pos;
    }

    /**
     * Removes and returns the bytes buffered but not consumed yet, for a layer that takes over the stream from here
     * (TLS after a plaintext preamble).
     */
    public byte[] takeBuffered() {
        byte[] out = Arrays.copyOfRange(buf, pos, limit);
        pos = limit = 0;
        return out;
    }

    /** Total bytes read from the source so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** True once the source has reported end of stream (the peer closed or shut down its output). */
    public boolean isEndOfStream() {
        return eof && pos == limit;
    }

    /**
     * Reads once from the source, appending to the buffer (compacting or growing it up to {@code maxCapacity}).
     * Returns the number of bytes read, or -1 at end of stream.
     */
    int fill(int maxCapacity) throws IOException {
        if (eof) return -1;
        if (pos > 0 && pos == limit) {
            pos = limit = 0;
        }
        if (limit == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            } else if (buf.length < maxCapacity) {
                buf = Arrays.copyOf(buf, (int) Math.min(maxCapacity, Math.max(buf.length * 2L, 16)));
            } else {
                throw new IllegalStateException("buffer full");
            }
        }
        int n = source.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return -1;
        }
        limit += n;
        bytesRead += n;
        return n;
    }

    /**
     * Returns what one read brings: the buffered bytes if any, else the result of one read of at most
     * the buffer's size. Null at end of stream. This is the tutorial's {@code recv(1024)}, minus its pitfalls.
     */
    public byte[] readChunk() throws IOException {
        return readChunk(Integer.MAX_VALUE);
    }

    /** Like {@link #readChunk()}, but at most {@code max} bytes: {@code recv(max)}. The rest stays buffered. */
    public byte[] readChunk(int max) throws IOException {
        if (max < 1) throw new IllegalArgumentException("max must be positive, was " + max);
        if (pos == limit && fill(buf.length) < 0) return null;
        int n = Math.min(max, limit - pos);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /**
     * Reads into {@code dst}: drains the buffer first. A small read (less than the buffer holds) fills the buffer
     * with one read of the source, so a 5-byte header costs no read of its own; a large one reads the source
     * directly (no copy through the buffer). Returns -1 at end of stream.
     */
    public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos == limit && len < buf.length) {
            pos = limit = 0;
            if (fill(buf.length) < 0) return -1;
        }
        if (pos < limit) {
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            return n;
        }
        if (eof) return -1;
        int n = source.read(dst, off, len);
        if (n < 0) {
            eof = true;
            return -1;
        }
        bytesRead += n;
        return n;
    }

    /** Reads exactly {@code dst.length} bytes or throws {@link EOFException}. */
    public void readFully(byte[] dst) throws IOException {
        readFully(dst, 0, dst.length);
    }

    public void readFully(byte[] dst, int off, int len) throws IOException {
        readFully(dst, off, len, "a message");
    }

    /** Reads exactly {@code len} bytes, or throws {@link EOFException} naming {@code what} was being read. */
    public void readFully(byte[] dst, int off, int len, String what) throws IOException {
        while (len > 0) {
            int n = read(dst, off, len);
            if (n < 0) throw new EOFException("peer closed the connection in the middle of " + what + " (" + len + " bytes missing)");
            off += n;
            len -= n;
        }
    }

    /**
     * The next {@code n} bytes without consuming them (fewer only at end of stream): reads until they are
     * buffered, so a protocol can be told from a connection's first bytes and then read from the start.
     */
    public byte[] peek(int n) throws IOException {
        while (limit - pos < n && fill(Math.max(buf.length, n)) >= 0) {
            // each fill appends what one read brings
        }
        return Arrays.copyOfRange(buf, pos, pos + Math.min(n, limit - pos));
    }

    /**
     * Reads the bytes up to (not including) the next {@code delimiter}, consuming the delimiter.
     * At end of stream, a trailing partial message is returned as the last message; null when nothing is left.
     *
     * @throws FrameTooLargeException if no delimiter appears within {@code maxSize} bytes
     */
    public byte[] readUntil(byte[] delimiter, int maxSize) throws IOException {
        int scanned = 0;
        while (true) {
            int idx = indexOf(delimiter, pos + scanned);
            if (idx >= 0) {
                int len = idx - pos;
                if (len > maxSize) throw new FrameTooLargeException(len, maxSize);
                byte[] out = Arrays.copyOfRange(buf, pos, idx);
                pos = idx + delimiter.length;
                return out;
            }
            int buffered = limit - pos;
            // No delimiter yet. The last delimiter.length-1 bytes may be the start of one, so only the bytes
            // before them are certainly part of the message.
            int certain = buffered - (delimiter.length - 1);
            if (certain > maxSize) throw new FrameTooLargeException(certain, maxSize);
            scanned = Math.max(0, certain);
            if (fill(maxSize + delimiter.length) < 0) {
                if (pos == limit) return null;
                if (buffered > maxSize) throw new FrameTooLargeException(buffered, maxSize);
                byte[] out = Arrays.copyOfRange(buf, pos, limit);
                pos = limit;
                return out;
            }
        }
    }

    private int indexOf(byte[] delimiter, int from) {
        int last = limit - delimiter.length;
        outer:
        for (int i = Math.max(from, pos); i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** Takes the bytes of a {@link #transferTo bulk copy}, one chunk at a time. */
    @FunctionalInterface
    public interface ChunkSink {
        /** {@code bytes} is the buffer itself, valid only during the call: use or copy, never keep. */
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    /**
     * The copy loop of every bulk transfer (a raw upload, a framed file's DATA): hands the next {@code count} bytes
     * to {@code sink} as they arrive, straight from this buffer, one read of up to the buffer's size per chunk
     * whatever the message boundaries; bytes beyond {@code count} stay buffered for the next message. Nothing is
     * allocated per chunk. Returns the bytes handed over: {@code count}, or fewer at end of stream.
     */
    public long transferTo(ChunkSink sink, long count) throws IOException {
        long done = 0;
        while (done < count) {
            if (pos == limit) {
                pos = limit = 0;
                if (fill(buf.length) < 0) break;
            }
            int n = (int) Math.min(limit - pos, count - done);
            sink.accept(buf, pos, n);
            pos += n;
            done += n;
        }
        return done;
    }

    /**
     * Copies everything until end of stream to {@code out}, at most {@code maxBytes} (a
     * {@link FrameTooLargeException} past that, before the chunk that crosses it is written). Returns the number
     * of bytes copied.
     */
    public long copyTo(OutputStream out, long maxBytes) throws IOException {
        long[] total = {0};
        return transferTo((bytes, offset, length) -> {
            if (total[0] + length > maxBytes) throw new FrameTooLargeException(total[0] + length, maxBytes);
            out.write(bytes, offset, length);
            total[0] += length;
        }, Long.MAX_VALUE);
    }

    /** Reads a 4-byte big-endian unsigned length header, or returns -1 at a clean end of stream. */
    public long readUint32OrEof() throws IOException {
        while (limit - pos < 4) {
            if (fill(Math.max(buf.length, 4)) < 0) {
                if (pos == limit) return -1;
                throw new EOFException("peer closed the connection inside a 4-byte length header");
            }
        }
        long v = BigEndian.u32(buf, pos);
        pos += 4;
        return v;
    }
}
