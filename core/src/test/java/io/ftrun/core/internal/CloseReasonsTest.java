package io.ftrun.core.internal;

import io.ftrun.core.CloseReason;
import io.ftrun.core.codec.FrameTooLargeException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a handler's failure says about how the connection ended, rule by rule. */
class CloseReasonsTest {
    @Test
    void eachFailureHasItsReason() {
        assertEquals(CloseReason.COMPLETED, CloseReasons.of(null));
        assertEquals(CloseReason.IDLE_TIMEOUT, CloseReasons.of(new SocketTimeoutException("Read timed out")));
        assertEquals(CloseReason.LIMIT_EXCEEDED, CloseReasons.of(new FrameTooLargeException(2 << 20, 1 << 20)));
        assertEquals(CloseReason.TLS_FAILED, CloseReasons.of(new javax.net.ssl.SSLHandshakeException("no cipher suites in common")));
        assertEquals(CloseReason.PEER_RESET, CloseReasons.of(new EOFException()));
        assertEquals(CloseReason.PEER_RESET, CloseReasons.of(new SocketException("Connection reset")));
        assertEquals(CloseReason.PEER_RESET, CloseReasons.of(new ClosedChannelException()));
        assertEquals(CloseReason.PEER_RESET, CloseReasons.of(new IOException("Connection reset by peer")), "NIO's plain IOException");
        assertEquals(CloseReason.HANDLER_ERROR, CloseReasons.of(new IOException("No space left on device")));
        assertEquals(CloseReason.HANDLER_ERROR, CloseReasons.of(new IllegalStateException("a bug")));
    }

    @Test
    void theDescriptionEscapesWhatThePeerControls() {
        assertEquals("IOException: bad name \\x1b[31mred", CloseReasons.describe(new IOException("bad name \u001b[31mred")));
        assertEquals("EOFException", CloseReasons.describe(new EOFException()));
    }
}
