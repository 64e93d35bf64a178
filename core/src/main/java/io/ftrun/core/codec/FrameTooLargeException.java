package io.ftrun.core.codec;

import java.io.IOException;

/** A message exceeded the codec's hard maximum size. The connection cannot be resynchronised and is closed. */
public final class FrameTooLargeException extends IOException {
    private final long size;
    private final long maxSize;

    public FrameTooLargeException(long size, long maxSize) {
        super("message of at least " + size + " bytes exceeds the maximum of " + maxSize + " bytes");
        this.size = size;
        this.maxSize = maxSize;
    }

    public long size() {
        return size;
    }

    public long maxSize() {
        return maxSize;
    }
}
