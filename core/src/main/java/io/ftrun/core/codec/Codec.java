package io.ftrun.core.codec;

import java.io.IOException;
import java.nio.charset.Charset;

/**
 * Framing: how a byte stream is cut into messages. A stream socket has no message boundaries; a codec puts them
 * back. Every codec has a hard maximum message size and fails with {@link FrameTooLargeException} past it.
 * Codecs are immutable and shared; per-connection state lives in the {@link InputBuffer}.
 */
public interface Codec {
    /** Short name used in configuration and logs: {@code raw}, {@code chunks}, {@code lines}, {@code length-prefixed}. */
    String name();

    /** The charset used when a message is turned into text or text into a message. */
    Charset charset();

    /** The largest message this codec accepts, in bytes. */
    long maxSize();

    /** Reads the next message, or returns null at a clean end of stream. */
    byte[] read(InputBuffer in) throws IOException;

    /** Writes one message, framed. */
    void write(ByteSink out, byte[] message, int offset, int length) throws IOException;

    /** True for codecs whose messages are just "some bytes of the stream" (raw, chunks): echo can stream them. */
    default boolean isStreaming() {
        return false;
    }
}
