package io.ftrun.core.codec;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The write side a codec encodes into. Implementations write every byte or throw: there are no short writes. */
public interface ByteSink {
    /** Writes all remaining bytes of every buffer, in order, as one gathering write where the transport allows. */
    void writeAll(ByteBuffer... buffers) throws IOException;
}
