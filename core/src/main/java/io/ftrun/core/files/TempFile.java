package io.ftrun.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hidden file a transfer writes into before it is committed under its final name. Writes go through the
 * receiver's {@link FileReceiverConfig.WriteHook} (a test seam) and fail as {@link FileTransferException} with
 * {@link ErrorCode#NO_SPACE} or {@link ErrorCode#IO_ERROR}, so callers can tell a disk problem from a broken
 * connection. Not thread-safe: one transfer owns it.
 */
final class TempFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileReceiverConfig.WriteHook hook;
    private long position;
    private boolean closed;
    private ByteBuffer wrapper;

    TempFile(Path path, FileChannel channel, long position, FileReceiverConfig.WriteHook hook) {
        this.path = path;
        this.channel = channel;
        this.position = position;
        this.hook = hook;
    }

    Path path() {
        return path;
    }

    /** Bytes written so far (the resumed prefix included). */
    long size() {
        return position;
    }

    /** Writes {@code length} bytes of {@code bytes} at the end, all of them, through one reused wrapper. */
    void write(byte[] bytes, int offset, int length) throws FileTransferException {
        if (wrapper == null || wrapper.array() != bytes) wrapper = ByteBuffer.wrap(bytes);
        wrapper.limit(offset + length).position(offset);
        write(wrapper);
    }

    /** Writes {@code buffer}'s remaining bytes at the end, all of them. */
    void write(ByteBuffer buffer) throws FileTransferException {
        try {
            hook.beforeWrite(path, position, buffer.remaining());
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        } catch (IOException e) {
            throw diskFailure(e);
        }
    }

    /** Drops everything from {@code size} on (a resume that starts over). */
    void truncate(long size) throws FileTransferException {
        try {
            channel.truncate(size);
            position = size;
        } catch (IOException e) {
            throw diskFailure(e);
        }
    }

    /** Forces data and metadata to the disk when {@code fsync}, then closes. */
    void finish(boolean fsync) throws FileTransferException {
        try {
            if (fsync) channel.force(true);
            close();
        } catch (IOException e) {
            throw diskFailure(e);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // a close failure after the data was written (or abandoned) changes nothing for the caller
        }
    }

    /** Closes and removes the file; never throws (it runs while another failure is being handled). */
    void delete() {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a hidden leftover is removed by the stale-temporary sweep at the next start
        }
    }

    /** Classifies a failed write: a full disk (or quota) is NO_SPACE, anything else IO_ERROR. */
    static FileTransferException diskFailure(IOException e) {
        if (e instanceof FileTransferException) return (FileTransferException) e;
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left") || m.contains("Disk quota exceeded") || m.contains("not enough space")) {
            return new FileTransferException(ErrorCode.NO_SPACE, "the receiver's disk is full (" + m + ")", e);
        }
        return new FileTransferException(ErrorCode.IO_ERROR, "the receiver could not write the file: " + m, e);
    }
}
