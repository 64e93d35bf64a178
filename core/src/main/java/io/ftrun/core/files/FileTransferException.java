package io.ftrun.core.files;

import java.io.IOException;

/** A file was refused or a transfer failed for a reason the protocol can name with an {@link ErrorCode}. */
public class FileTransferException extends IOException {
    private final ErrorCode code;

    public FileTransferException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public FileTransferException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
