package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import io.ftrun.core.internal.tls.TlsLayer;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.Socket;
import java.util.function.Supplier;

/**
 * Layers TLS over a connected socket and completes the handshake within the layer's handshake timeout: the socket's
 * read timeout covers a silent peer, the {@link Deadlines}' handshake deadline (checked by the {@link Watchdog})
 * one that trickles. Every failure is an {@link SSLException}, so the connection closes as tls-failed, not as an
 * idle timeout or a reset.
 */
final class TlsHandshake {
    private TlsHandshake() {
    }

    /**
     * @param consumed    bytes already read from the socket: the start of the client's handshake (server side)
     * @param startWatch  hands the connection to the watchdog, which enforces the handshake deadline
     * @param abortReason why the watchdog closed the socket, if it did
     */
    static TlsTransport complete(Socket socket, TlsLayer layer, String peerHost, int peerPort, byte[] consumed,
                                 Deadlines deadlines, Runnable startWatch, Supplier<CloseReason> abortReason) throws IOException {
        SSLSocket ssl = layer.layer(socket, peerHost, peerPort, consumed);
        int idleMillis = socket.getSoTimeout();
        deadlines.handshakeWithin(layer.handshakeTimeout());
        startWatch.run();
        try {
            socket.setSoTimeout(SocketTimeouts.millis(layer.handshakeTimeout()));
            ssl.startHandshake();
            socket.setSoTimeout(idleMillis);
        } catch (IOException e) {
            if (abortReason.get() == CloseReason.TLS_FAILED) {
                throw new SSLException("TLS handshake not completed within " + layer.handshakeTimeout().toMillis() + " ms", e);
            }
            throw e instanceof SSLException ? e : new SSLException("TLS handshake failed: " + e.getMessage(), e);
        } finally {
            deadlines.clearHandshake();
        }
        return new TlsTransport(ssl);
    }
}
