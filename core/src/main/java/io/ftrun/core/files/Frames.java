package io.ftrun.core.files;

import io.ftrun.core.internal.BigEndian;
import io.ftrun.core.Connection;
import io.ftrun.core.codec.InputBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Frame I/O of the framed protocol: every message is {@code type (u8) | length (u32, big-endian) | payload}.
 * One instance per connection; it owns a reusable header buffer, so DATA frames allocate nothing.
 *
 * <p>Frames can be {@linkplain #queue queued} and go out together: many small files must not mean many small
 * writes. Queued frames are flushed when the buffer is full, by {@link #send}, and before a read that may block
 * (less than a frame header is buffered): whoever waits for an answer has sent what it is waiting on.
 */
final class Frames {
    private final Connection connection;
    private final InputBuffer source;
    /** How many bytes of small frames are gathered before they go out in one write. */
    static final int BATCH = 64 * 1024;

    private final ByteBuffer outHeader = ByteBuffer.allocate(Protocol.HEADER);
    /** Made on the first {@link #queue}: a session that only sends single frames never pays for it. */
    private ByteBuffer batch;
    private final byte[] inHeader = new byte[Protocol.HEADER];
    private int type = -1;
    private long length;
    /** Zero, or how long a header (and a control message's payload) may take from its first byte (receivers). */
    private final Duration headerTimeout;
    private boolean deadlineArmed;
    private boolean midHeader;

    Frames(Connection connection) {
        this(connection, Duration.ZERO);
    }

    Frames(Connection connection, Duration headerTimeout) {
        this.connection = connection;
        this.source = connection.input();
        this.headerTimeout = headerTimeout;
    }

    /**
     * Starts the header deadline now, unless it runs already: a session's HELLO is due from the connection's start,
     * not from its first byte.
     */
    void armHeaderDeadline() {
        if (headerTimeout.isZero() || deadlineArmed) return;
        deadlineArmed = true;
        connection.readDeadline(headerTimeout);
    }

    private void disarmHeaderDeadline() {
        if (!deadlineArmed) return;
        deadlineArmed = false;
        connection.clearReadDeadline();
    }

    InputBuffer source() {
        return source;
    }

    // ---- reading

    /** Reads the next frame's header; returns its type, or -1 at a clean end of stream between frames. */
    int next() throws IOException {
        if (source.buffered() < Protocol.HEADER) flush(); // we may block now: the peer must have what we owe it
        return nextWithoutFlush();
    }

    /**
     * {@link #next()} without the flush, for a thread that only reads while another writes ({@link AnswerReader}):
     * the writing thread flushes before it waits.
     */
    int nextWithoutFlush() throws IOException {
        int n = Math.max(0, source.read(inHeader, 0, 1));
        if (n == 0) {
            type = -1;
            return -1;
        }
        midHeader = true;
        armHeaderDeadline(); // from the first byte on, the header must come whole: any byte resets an idle timeout
        source.readFully(inHeader, 1, Protocol.HEADER - 1, "a message header");
        midHeader = false;
        type = inHeader[0] & 0xFF;
        length = BigEndian.u32(inHeader, 1);
        if (type == Protocol.DATA) disarmHeaderDeadline(); // data is held to the minimum rate instead
        return type;
    }

    /** Whether a read failed after a header's first byte: the stream is then out of step, and cannot be read on. */
    boolean midHeader() {
        return midHeader;
    }

    /** Like {@link #next()}, but end of stream is an error (the peer owes us a message here). */
    int expectNext(String expecting) throws IOException {
        int t = next();
        if (t < 0) throw new EOFException("peer closed the connection while " + expecting + " was expected");
        return t;
    }

    /** The current frame's payload length. */
    long length() {
        return length;
    }

    /** Reads the current frame's whole payload, a control message (at most {@link Protocol#MAX_CONTROL} bytes). */
    ByteBuffer payload() throws IOException {
        if (length > Protocol.MAX_CONTROL) {
            throw protocolError(Protocol.typeName(type) + " message of " + length + " bytes exceeds " + Protocol.MAX_CONTROL);
        }
        byte[] p = new byte[(int) length];
        source.readFully(p, 0, p.length, "a " + Protocol.typeName(type) + " message");
        disarmHeaderDeadline();
        return ByteBuffer.wrap(p);
    }

    /** Hands the current frame's payload (DATA) to {@code sink}, chunk by chunk, through the connection's buffer. */
    void payloadTo(InputBuffer.ChunkSink sink) throws IOException {
        long got = source.transferTo(sink, length);
        if (got < length) {
            throw new EOFException("peer closed the connection in the middle of a " + Protocol.typeName(type) + " message ("
                    + (length - got) + " bytes missing)");
        }
    }

    static FileTransferException protocolError(String message) {
        return new FileTransferException(ErrorCode.PROTOCOL, message);
    }

    // ---- writing

    /** Sends one frame now, after any queued ones. */
    void send(int frameType, ByteBuffer payload) throws IOException {
        if (batch != null && batch.position() > 0) {
            queue(frameType, payload);
            flush();
            return;
        }
        writeNow(frameType, payload);
    }

    void send(int frameType, byte[] payload) throws IOException {
        send(frameType, ByteBuffer.wrap(payload));
    }

    /**
     * Adds one frame to the outgoing batch (copied: {@code payload} is the caller's again on return). A frame too
     * large for the batch goes out at once, after the queued ones, as one gathering write without a copy.
     */
    void queue(int frameType, ByteBuffer payload) throws IOException {
        if (batch == null) batch = ByteBuffer.allocate(BATCH);
        int size = Protocol.HEADER + payload.remaining();
        if (size > batch.remaining()) flush();
        if (size <= batch.remaining()) {
            batch.put((byte) frameType).putInt(payload.remaining()).put(payload);
            return;
        }
        writeNow(frameType, payload);
    }

    /** Header and payload as one gathering write. */
    private void writeNow(int frameType, ByteBuffer payload) throws IOException {
        outHeader.clear();
        outHeader.put((byte) frameType).putInt(payload.remaining()).flip();
        connection.write(outHeader, payload);
    }

    void queue(int frameType, byte[] payload) throws IOException {
        queue(frameType, ByteBuffer.wrap(payload));
    }

    /**
     * Answers (READY, SKIP, DONE; an ERROR is sent at once) gathered beyond this go out while the receiver reads
     * on. A sender that streams keeps the receiver's input from running dry, so answers flushed only before a
     * blocking read waited for the sender to stop: it did, at its limit of answers owed (ftrun's: 32 KiB), and lost
     * a round trip every few hundred files (docs/PERFORMANCE.md). A quarter of that limit still makes one write of a
     * hundred answers.
     */
    static final int ANSWERS_BATCH = 8 * 1024;

    /** Queues an answer; the queued frames go out once they reach {@link #ANSWERS_BATCH}. */
    void answer(int frameType, byte[] payload) throws IOException {
        queue(frameType, ByteBuffer.wrap(payload));
        if (batch.position() >= ANSWERS_BATCH) flush();
    }

    /** Writes the queued frames, if any. */
    void flush() throws IOException {
        if (batch == null || batch.position() == 0) return;
        batch.flip();
        try {
            connection.write(batch);
        } finally {
            batch.clear();
        }
    }

    /** One whole frame as bytes, for a message sent outside a session (the busy refusal at accept). */
    static byte[] frame(int frameType, byte[] payload) {
        return ByteBuffer.allocate(Protocol.HEADER + payload.length).put((byte) frameType).putInt(payload.length).put(payload).array();
    }
}
