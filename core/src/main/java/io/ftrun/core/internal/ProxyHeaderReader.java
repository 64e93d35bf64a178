package io.ftrun.core.internal;

import io.ftrun.core.event.Sanitize;
import io.ftrun.core.Connection;
import io.ftrun.core.ProxyProtocol;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Reads a connection's PROXY protocol header, and not one byte more: whatever the client sent after it (a file, a
 * TLS ClientHello) is still unread for the handler. The header's length is not known up front (v1 is a line of up
 * to 107 bytes), so reads never ask for more than the header can still be: first the 15 bytes every header has,
 * then the rest of a v2 header by its length field, or a v1 line two bytes at a time until its CRLF.
 *
 * <p>The whole header must arrive before one deadline, enforced by setting the socket's read timeout to the time
 * left before every read: a balancer (or anyone) trickling a byte at a time cannot hold the connection longer.
 */
public final class ProxyHeaderReader {
    private final Connection conn;
    private final long deadline;
    private final Duration limit;

    private ProxyHeaderReader(Connection conn, Duration limit) {
        this.conn = conn;
        this.limit = limit;
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    /**
     * Reads the header {@code expected} allows from {@code conn}, within {@code limit}. The connection's read
     * timeout is left at {@code limit}'s remainder: the caller restores its own.
     *
     * @throws ProxyHeaderException when the header is missing, malformed, late, or of a version not expected
     * @throws IOException          when the connection breaks
     */
    public static ProxyHeader read(Connection conn, ProxyProtocol expected, Duration limit) throws IOException {
        return new ProxyHeaderReader(conn, limit).read(expected);
    }

    private ProxyHeader read(ProxyProtocol expected) throws IOException {
        byte[] head = readExactly(ProxyHeaderParser.MIN_HEADER);
        if (ProxyHeaderParser.startsWith(head, ProxyHeaderParser.V2_SIGNATURE)) {
            if (!expected.accepts(2)) throw new ProxyHeaderException("PROXY protocol v2 header, but this server expects " + expected);
            byte[] fixed = Arrays.copyOf(head, ProxyHeaderParser.V2_FIXED);
            fillExactly(fixed, head.length, ProxyHeaderParser.V2_FIXED - head.length);
            return ProxyHeaderParser.parseV2(fixed, readExactly(ProxyHeaderParser.v2Length(fixed)));
        }
        if (ProxyHeaderParser.startsWith(head, ProxyHeaderParser.V1_PREFIX)) {
            if (!expected.accepts(1)) throw new ProxyHeaderException("PROXY protocol v1 header, but this server expects " + expected);
            byte[] line = readV1Line(head);
            return ProxyHeaderParser.parseV1(Arrays.copyOf(line, line.length - 2));
        }
        throw new ProxyHeaderException("expected a PROXY protocol header (" + expected + "), the connection starts with '"
                + Sanitize.forLog(new String(head, StandardCharsets.ISO_8859_1)) + "'");
    }

    /** Completes a v1 line that starts with {@code head}; returns it with its CRLF. */
    private byte[] readV1Line(byte[] head) throws IOException {
        byte[] line = Arrays.copyOf(head, ProxyHeaderParser.V1_MAX);
        int n = head.length;
        while (!(line[n - 2] == '\r' && line[n - 1] == '\n')) {
            if (n == ProxyHeaderParser.V1_MAX) throw new ProxyHeaderException("PROXY v1 header without CRLF in its first " + n + " bytes");
            // After a CR the header may end with the next byte; otherwise at least CRLF is still to come.
            int want = Math.min(line[n - 1] == '\r' ? 1 : 2, ProxyHeaderParser.V1_MAX - n);
            n += readSome(line, n, want);
        }
        return Arrays.copyOf(line, n);
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] b = new byte[length];
        fillExactly(b, 0, length);
        return b;
    }

    private void fillExactly(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = readSome(b, off, len);
            off += n;
            len -= n;
        }
    }

    /** One read of at most {@code len} bytes, with the socket's timeout set to what is left of the deadline. */
    private int readSome(byte[] b, int off, int len) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw late();
        conn.readTimeout(Duration.ofNanos(Math.max(1_000_000, left)));
        int n;
        try {
            n = conn.input().read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw late();
        }
        if (n < 0) throw new EOFException("the connection closed before its PROXY protocol header was complete");
        return n;
    }

    private ProxyHeaderException late() {
        return new ProxyHeaderException("no complete PROXY protocol header within " + limit.toMillis() + " ms");
    }
}
