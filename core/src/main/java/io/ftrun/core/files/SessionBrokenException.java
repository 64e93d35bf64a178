package io.ftrun.core.files;

import java.io.IOException;

/**
 * The connection broke, or the receiver was busy, in the middle of a framed session: {@link #partial()} says what
 * the receiver confirmed (or refused, or skipped) before, and which files were cut off or never sent
 * ({@link ErrorCode#CONNECTION_LOST}). Sending again sends only those.
 */
public final class SessionBrokenException extends IOException {
    private final transient SendReport partial;

    public SessionBrokenException(String message, SendReport partial, Throwable cause) {
        super(message, cause);
        this.partial = partial;
    }

    public SendReport partial() {
        return partial;
    }
}
