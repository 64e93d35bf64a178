package io.ftrun.core;

import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.InputBuffer;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One TCP connection, as a handler or a client sees it.
 *
 * <p>Reading goes through {@link #input()}, a buffer owned by this connection, so codecs can cut messages out of
 * whatever segments TCP delivers. Every write sends all bytes or throws: a short {@code send} never loses data.
 * One thread may read while another writes; two concurrent writers must coordinate themselves (or use a
 * {@link io.ftrun.core.handler.ConnectionGroup}, which gives each member one writer).
 */
public interface Connection extends Closeable {
    /** The {@link #attributes()} key of a TLS connection's protocol version and cipher suite, e.g. "TLSv1.3 TLS_AES_128_GCM_SHA256". */
    String TLS = "tls";
    /** The {@link #attributes()} key of the name the peer's certificate gives, when mutual TLS named one. */
    String TLS_PEER = "tls.peer";

    /** A number unique within the owning server or client run. */
    long id();

    /**
     * The peer's address: the client's, also behind a load balancer that sends the PROXY protocol header
     * ({@link ServerConfig.Builder#proxyProtocol}).
     */
    InetSocketAddress remoteAddress();

    /** The load balancer's address when the client's came from a PROXY protocol header; null for a direct peer. */
    default InetSocketAddress proxiedBy() {
        return null;
    }

    InetSocketAddress localAddress();

    /** Free-form per-connection state for handlers (thread-safe map). */
    Map<String, Object> attributes();

    /** The codec {@link #receive()} and {@link #send(byte[])} use. */
    Codec codec();

    /** The read buffer. Its capacity is the configured chunk size. */
    InputBuffer input();

    /** Reads the next message with {@link #codec()}; null when the peer has closed its side. */
    default Message receive() throws IOException {
        return receive(codec());
    }

    /** Reads the next message with another codec (e.g. a length-prefixed header, then raw bytes). */
    default Message receive(Codec codec) throws IOException {
        byte[] bytes = codec.read(input());
        return bytes == null ? null : new Message(bytes, codec.charset());
    }

    /** Sends one message framed by {@link #codec()}. */
    default void send(byte[] message) throws IOException {
        send(codec(), message);
    }

    /** Sends text in the codec's charset, framed by {@link #codec()} (a line codec appends the delimiter). */
    default void send(String text) throws IOException {
        send(text.getBytes(codec().charset()));
    }

    /** Sends one message framed by the given codec. */
    void send(Codec codec, byte[] message) throws IOException;

    /** Writes bytes as they are, unframed, all of them. */
    default void write(byte[] bytes, int offset, int length) throws IOException {
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Writes every remaining byte of each buffer, unframed, as one gathering write. */
    void write(ByteBuffer... buffers) throws IOException;

    /** Sends a file's bytes unframed, in chunks, zero-copy ({@code transferTo}) where the socket allows. */
    default long sendFile(Path file) throws IOException {
        return sendFile(file, 0, Long.MAX_VALUE);
    }

    /** Sends {@code count} bytes of a file from {@code position}, unframed. */
    long sendFile(Path file, long position, long count) throws IOException;

    /** Half-close: tells the peer we are done sending (it reads end of stream) while we can still read. */
    void shutdownOutput() throws IOException;

    /** Overrides the idle (read) timeout for this connection; zero means none. */
    void readTimeout(Duration timeout) throws IOException;

    /**
     * Arms a deadline for what the handler reads next, such as a protocol header: unless {@link #clearReadDeadline()}
     * comes within {@code within}, the connection is cut off ({@link CloseReason#HEADER_TIMEOUT}), however many
     * bytes trickled in meanwhile. The idle timeout alone cannot do that: any byte resets it.
     */
    default void readDeadline(Duration within) {
    }

    default void clearReadDeadline() {
    }

    /**
     * From now on the peer must send at least {@code bytesPerSecond} on average, counted from {@code grace} after this
     * call (so a slow start is forgiven), or the connection is cut off ({@link CloseReason#TOO_SLOW}). Time the
     * connection's own rate limit holds reads back does not count. Zero turns the rule off.
     */
    default void minReadRate(long bytesPerSecond, Duration grace) {
    }

    boolean isOpen();

    /**
     * Bytes that can be read now without blocking: buffered, or decrypted and waiting (never TLS records that are
     * not data, such as a session ticket). Zero when it cannot tell.
     */
    default int available() {
        return input().buffered();
    }

    /**
     * Cuts the connection off from any thread (its handler's blocked read or write fails at once) and records
     * why, so that its {@code connection-closed} event gives {@code reason} instead of whatever the handler saw.
     */
    default void abort(CloseReason reason) {
        close();
    }

    /** Reports an event through the listeners of the server or client that owns this connection. */
    void emit(io.ftrun.core.event.Event event);

    /** The name of the server or client that owns this connection (used in events). */
    String owner();

    long bytesIn();

    long bytesOut();

    /** Closes both directions. Idempotent. */
    @Override
    void close();
}
