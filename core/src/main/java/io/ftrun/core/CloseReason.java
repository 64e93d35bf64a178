package io.ftrun.core;

/** Why a connection ended, as reported in {@link io.ftrun.core.event.Events.ConnectionClosed}. */
public enum CloseReason {
    /** The handler finished normally. */
    COMPLETED,
    /** The peer reset the connection or it broke mid-stream. */
    PEER_RESET,
    /** Nothing was read within the idle timeout. */
    IDLE_TIMEOUT,
    /** A write made no progress within the write timeout (a peer that does not read). */
    WRITE_TIMEOUT,
    /** A message exceeded the codec's maximum size, or a limit of the handler. */
    LIMIT_EXCEEDED,
    /** The handler failed. */
    HANDLER_ERROR,
    /** Dropped from a group because it could not keep up. */
    SLOW_CONSUMER,
    /** Cut off at shutdown after the grace period. */
    SHUTDOWN_ABORTED,
    /** Refused before the handler ran (over a connection limit, or the server's queue full). */
    REFUSED,
    /** A protocol header (a framed session's HELLO, a file's header) did not arrive whole within its deadline. */
    HEADER_TIMEOUT,
    /** The peer sent data more slowly than the minimum rate (a trickling peer holding a slot). */
    TOO_SLOW,
    /** The TLS handshake failed (a plaintext peer, an untrusted or unpinned certificate) or did not finish in time. */
    TLS_FAILED
}
