package io.ftrun.core.internal;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Bytes encrypted by an {@link SSLSocket} layered over the connection's socket. There is no zero-copy path under
 * TLS: file data is read into one reused buffer and written through the TLS stream. Writes go in pieces of at most
 * one buffer, so the write deadline and progress advance as bytes leave.
 */
final class TlsTransport implements Transport {
    /** A little more than one TLS record's 16 KiB of plaintext per write call. */
    private static final int PIECE = 32 * 1024;

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] piece = new byte[PIECE];
    private final ByteBuffer pieceBuffer = ByteBuffer.wrap(piece);

    TlsTransport(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public synchronized long write(ByteBuffer[] buffers) throws IOException {
        for (ByteBuffer b : buffers) {
            if (!b.hasRemaining()) continue;
            int n = Math.min(b.remaining(), PIECE);
            if (b.hasArray()) {
                out.write(b.array(), b.arrayOffset() + b.position(), n);
                b.position(b.position() + n);
            } else {
                b.get(piece, 0, n);
                out.write(piece, 0, n);
            }
            return n;
        }
        return 0;
    }

    @Override
    public synchronized long transferFrom(FileChannel file, long position, long count) throws IOException {
        pieceBuffer.clear().limit((int) Math.min(PIECE, count));
        int n = file.read(pieceBuffer, position);
        if (n <= 0) return 0;
        out.write(piece, 0, n);
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available(); // decrypted application data only: a session ticket is not "an answer waiting"
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput(); // close_notify, then FIN
    }

    @Override
    public void close() {
        try {
            socket.close(); // sends close_notify; closes the socket underneath too
        } catch (IOException ignored) {
            // the peer is gone: nothing to tell it
        }
    }

    /** The name the peer's certificate gives (mutual TLS), or null when it presented none. */
    String peerName() {
        try {
            return socket.getSession().getPeerPrincipal().getName();
        } catch (javax.net.ssl.SSLPeerUnverifiedException anonymous) {
            return null;
        }
    }

    @Override
    public String describe() {
        var s = socket.getSession();
        return s.getProtocol() + " " + s.getCipherSuite();
    }
}
