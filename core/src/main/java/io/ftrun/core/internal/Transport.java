package io.ftrun.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * How a {@link SocketConnection}'s bytes reach the socket: as they are ({@link PlainTransport}) or encrypted
 * ({@link TlsTransport}). Reads go through {@link #input()}, which honours the socket's read timeout. Each write
 * call may move fewer bytes than offered and reports how many, so the connection can advance its write deadline
 * and progress with every step.
 */
interface Transport {
    InputStream input() throws IOException;

    /** Writes some of the buffers' remaining bytes (at least one unless all are empty); returns how many. */
    long write(ByteBuffer[] buffers) throws IOException;

    /** Sends up to {@code count} bytes of {@code file} from {@code position}; returns how many (0 at its end). */
    long transferFrom(FileChannel file, long position, long count) throws IOException;

    /** Bytes that can be read now without blocking (already decrypted, under TLS). */
    int available() throws IOException;

    void shutdownOutput() throws IOException;

    /** Ends the transport politely where it can (TLS close_notify); the caller closes the socket after. */
    void close();

    /** "plain", or the TLS version and cipher suite, for events and logs. */
    String describe();
}
