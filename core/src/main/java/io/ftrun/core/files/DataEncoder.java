package io.ftrun.core.files;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * A compressed file's DATA payloads (FILE flag bit 5, docs/PROTOCOL.md "Compression"): each is one mode byte, then
 * the bytes as they are ({@link #STORED}) or as one self-contained raw DEFLATE stream ({@link #DEFLATED}). Bytes that
 * do not shrink go as they are, and once {@link #GIVE_UP} chunks in a row did not, the rest of the file is sent as it
 * is without trying: compressed media costs one attempt, not a second pass over every chunk.
 */
final class DataEncoder {
    static final int STORED = 0;
    static final int DEFLATED = 1;
    /** Chunks in a row that did not shrink by an eighth before we stop trying for this file. */
    static final int GIVE_UP = 2;

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private ByteBuffer out;
    private int failures;

    /** A new file begins: it gets its own attempts. */
    void startFile() {
        failures = 0;
    }

    /** The DATA payload for {@code chunk} (consumed); valid until the next call. */
    ByteBuffer encode(ByteBuffer chunk) {
        int n = chunk.remaining();
        if (out == null || out.capacity() < n + 1) out = ByteBuffer.allocate(n + 1);
        out.clear();
        if (failures < GIVE_UP) {
            deflater.reset();
            deflater.setInput(chunk.duplicate());
            deflater.finish();
            int limit = n - n / 8; // a saving of less than an eighth is not worth the receiver's inflating
            out.put((byte) DEFLATED);
            int written = 0;
            while (!deflater.finished() && written < limit) {
                written += deflater.deflate(out.array(), 1 + written, limit - written);
            }
            if (deflater.finished()) {
                failures = 0;
                chunk.position(chunk.limit());
                out.limit(1 + written);
                out.position(0);
                return out;
            }
            failures++;
            out.clear();
        }
        out.put((byte) STORED).put(chunk).flip();
        return out;
    }

    void close() {
        deflater.end();
    }
}
