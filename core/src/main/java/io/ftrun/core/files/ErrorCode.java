package io.ftrun.core.files;

/**
 * Why a receiver refused or aborted a file. The numbers are part of the framed protocol (docs/PROTOCOL.md) and
 * never change meaning.
 */
public enum ErrorCode {
    /** A malformed or unexpected message. The receiver closes the connection after sending it. */
    PROTOCOL(1),
    /** The receiver does not speak any protocol version the sender offered. The connection is closed. */
    UNSUPPORTED_VERSION(2),
    /** The digest algorithm the sender chose is not accepted by the receiver. */
    UNSUPPORTED_DIGEST(3),
    /** The name is unsafe (e.g. {@code ../x}, an absolute path, control characters) or the naming policy refused it. */
    NAME_REJECTED(4),
    /** A file of that name exists and the policy is {@link OnCollision#REJECT}. */
    EXISTS(5),
    /** The file is larger than the receiver's maximum file size. */
    TOO_LARGE(6),
    /** Not enough free space on the receiver's disk (checked before accepting, or the disk filled up). */
    NO_SPACE(7),
    /** The digest the receiver computed differs from the sender's: the data was damaged on the way. */
    DIGEST_MISMATCH(8),
    /** The sender sent more or fewer bytes than it announced. */
    SIZE_MISMATCH(9),
    /** The sender is not allowed to send this file (bad token or refused by the receiver's authorisation rule). */
    NOT_AUTHORISED(10),
    /** Writing the file failed on the receiver. */
    IO_ERROR(11),
    /** The receiver failed in an unexpected way. */
    INTERNAL(12),
    /**
     * The connection broke (reset, timeout, peer gone) before the file was complete. Never sent on the wire (there is
     * no connection left to send it on); reported in events and send reports.
     */
    CONNECTION_LOST(13),
    /**
     * The receiver is at a connection limit: try again later. Sent instead of WELCOME, before the receiver has read
     * anything; the connection is then closed. A sender may retry after a pause.
     */
    BUSY(14),
    /**
     * Version 2 downloads: the requested path is not served here (missing, not a regular file or directory, a link,
     * or outside what the server allows). Answers GET or LIST; the session goes on.
     */
    NOT_FOUND(15);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The name used in events and logs, e.g. {@code digest-mismatch}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The code for a wire number; unknown numbers map to {@link #INTERNAL} (a newer receiver's code). */
    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) return c;
        }
        return INTERNAL;
    }
}
