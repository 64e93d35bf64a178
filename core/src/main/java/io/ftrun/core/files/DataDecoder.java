package io.ftrun.core.files;

import io.ftrun.core.codec.InputBuffer;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns the DATA payloads of compressed files ({@link DataEncoder}) back into the files' bytes, chunk by chunk as
 * they come off the connection; one for a session, its inflater and buffer reused for every payload. One payload inflates to at most {@code maxBytes} (the receiver's
 * max_data): a small payload that would inflate without end is a protocol error, not a full disk.
 */
final class DataDecoder implements InputBuffer.ChunkSink {
    private InputBuffer.ChunkSink sink;
    private final Inflater inflater = new Inflater(true);
    private final byte[] out = new byte[64 * 1024];
    private final long maxBytes;
    private int mode = -1;
    private long produced;

    DataDecoder(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A new DATA payload begins, for {@code sink} (its file): its first byte is its mode. */
    void startFrame(InputBuffer.ChunkSink sink) {
        this.sink = sink;
        mode = -1;
        produced = 0;
        inflater.reset();
    }

    /** The payload ended: a deflated one must have ended its stream exactly. */
    void endFrame() throws FileTransferException {
        if (mode < 0) throw Frames.protocolError("a compressed DATA payload needs its mode byte");
        if (mode == DataEncoder.DEFLATED && !inflater.finished()) throw Frames.protocolError("a DEFLATE stream in DATA is incomplete");
        // as for plain DATA: a payload that moves nothing would only reset the idle timer
        if (produced == 0) throw Frames.protocolError("a compressed DATA payload must carry at least one byte of the file");
    }

    @Override
    public void accept(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) return;
        if (mode < 0) {
            mode = bytes[offset] & 0xFF;
            if (mode != DataEncoder.STORED && mode != DataEncoder.DEFLATED) throw Frames.protocolError("unknown DATA mode " + mode);
            offset++;
            length--;
        }
        if (mode == DataEncoder.STORED) {
            produced += length;
            if (length > 0) sink.accept(bytes, offset, length);
            return;
        }
        if (inflater.finished()) {
            if (length > 0) throw Frames.protocolError("bytes after the end of a DEFLATE stream in DATA");
            return;
        }
        inflater.setInput(bytes, offset, length);
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(out);
                if (n == 0 && inflater.needsDictionary()) throw Frames.protocolError("a DEFLATE stream in DATA asks for a dictionary");
                produced += n;
                if (produced > maxBytes) throw Frames.protocolError("a DATA payload inflates to more than " + maxBytes + " bytes");
                if (n > 0) sink.accept(out, 0, n);
            }
        } catch (DataFormatException e) {
            throw Frames.protocolError("a DEFLATE stream in DATA is damaged: " + e.getMessage());
        }
        if (inflater.finished() && inflater.getRemaining() > 0) throw Frames.protocolError("bytes after the end of a DEFLATE stream in DATA");
    }

    void close() {
        inflater.end();
    }
}
