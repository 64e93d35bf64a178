package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import io.ftrun.core.codec.FrameTooLargeException;
import io.ftrun.core.event.Sanitize;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;

/**
 * Why a connection ended, from what its handler threw: a pure function, so every rule is tested on its own. A
 * connection cut off by ftrun itself (a deadline, shutdown, a refusal) knows its reason already and does not ask.
 */
final class CloseReasons {
    private CloseReasons() {
    }

    /** The reason for a handler that ended with {@code failure} (null: it returned). */
    static CloseReason of(Throwable failure) {
        if (failure == null) return CloseReason.COMPLETED;
        if (failure instanceof SocketTimeoutException) return CloseReason.IDLE_TIMEOUT;
        if (failure instanceof FrameTooLargeException) return CloseReason.LIMIT_EXCEEDED;
        if (failure instanceof javax.net.ssl.SSLException) return CloseReason.TLS_FAILED;
        if (failure instanceof EOFException || failure instanceof SocketException || failure instanceof ClosedChannelException) {
            return CloseReason.PEER_RESET;
        }
        // NIO reports a reset as a plain IOException ("Connection reset by peer"): its message is all there is
        if (failure instanceof IOException && String.valueOf(failure.getMessage()).contains("reset")) return CloseReason.PEER_RESET;
        return CloseReason.HANDLER_ERROR;
    }

    /** The failure as the close event shows it: its type and message, with the peer's control characters escaped. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        String type = t.getClass().getSimpleName();
        return m == null ? type : type + ": " + Sanitize.forLog(m);
    }
}
