package io.ftrun.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A hidden file a transfer writes into before it is committed under its final name. Writes go through the
 * receiver's {@link FileReceiverConfig.WriteHook} (a test seam) and fail as {@link FileTransferException} with
 * {@link ErrorCode#NO_SPACE} or {@link ErrorCode#IO_ERROR}, so callers can tell a disk problem from a broken
 * connection. Bytes handed over as arrays wait in a direct buffer until a whole chunk is there: one write per chunk
 * however the network cut the data, and no copy inside the JDK on the way to the file. Not thread-safe: one
 * transfer owns it.
 */
final class TempFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileReceiverConfig.WriteHook hook;
    /** The file's size on disk; {@link #size()} adds what is still pending. */
    private long position;
    private boolean closed;
    private ByteBuffer pending; // allocated at the first array write

    /** Bytes per write to the file. */
    static final int CHUNK = 64 * 1024;

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
        return position + (pending == null ? 0 : pending.position());
    }

    /** Appends {@code length} bytes of {@code bytes}; they reach the file a whole chunk at a time. */
    void write(byte[] bytes, int offset, int length) throws FileTransferException {
        if (pending == null) pending = ByteBuffer.allocateDirect(CHUNK);
        while (length > 0) {
            int n = Math.min(length, pending.remaining());
            pending.put(bytes, offset, n);
            offset += n;
            length -= n;
            if (!pending.hasRemaining()) flush();
        }
    }

    /** Writes the pending bytes out (before anything that must come after the last write, like setting mtime). */
    void flush() throws FileTransferException {
        if (pending == null || pending.position() == 0) return;
        pending.flip();
        try {
            writeNow(pending);
        } finally {
            pending.clear();
        }
    }

    private void writeNow(ByteBuffer buffer) throws FileTransferException {
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
        flush();
        try {
            channel.truncate(size);
            position = size;
        } catch (IOException e) {
            throw diskFailure(e);
        }
    }

    /** Forces data and metadata to the disk when {@code fsync}, then closes. */
    void finish(boolean fsync) throws FileTransferException {
        flush();
        try {
            if (fsync) channel.force(true);
            close();
        } catch (IOException e) {
            throw diskFailure(e);
        }
    }

    /** Writes what is pending (a partial kept for a resume keeps every byte that arrived), then closes. */
    @Override
    public void close() {
        if (closed) return;
        try {
            flush();
        } catch (FileTransferException ignored) {
            // the disk failed: the partial ends where the disk stopped taking bytes, and a resume starts there
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // a close failure after the data was written (or abandoned) changes nothing for the caller
        }
    }

    /** Closes and removes the file; never throws (it runs while another failure is being handled). */
    void delete() {
        if (pending != null) pending.clear(); // nothing pending is worth writing into a file about to go
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a hidden leftover is removed by the stale-temporary sweep at the next start
        }
    }

    /** Feeds the first {@code length} bytes of this file to {@code digester}: the bytes this very file holds. */
    void digestPrefix(long length, Digests.Digester digester, ByteBuffer buffer) throws FileTransferException {
        flush();
        try {
            ReceiverContext.digestPrefix(channel, length, digester, buffer);
        } catch (IOException e) {
            throw diskFailure(e);
        }
    }

    /**
     * Classifies a failed write: a full disk (or quota) is NO_SPACE, anything else IO_ERROR. The message goes to
     * the peer, so it carries the system's reason only, never the paths a {@link FileSystemException} names.
     */
    static FileTransferException diskFailure(IOException e) {
        if (e instanceof FileTransferException) return (FileTransferException) e;
        String m = reason(e);
        if (m.contains("No space left") || m.contains("Disk quota exceeded") || m.contains("not enough space")) {
            return new FileTransferException(ErrorCode.NO_SPACE, "the receiver's disk is full (" + m + ")", e);
        }
        return new FileTransferException(ErrorCode.IO_ERROR, "the receiver could not write the file: " + m, e);
    }

    private static String reason(IOException e) {
        if (!(e instanceof FileSystemException)) return String.valueOf(e.getMessage());
        String reason = ((FileSystemException) e).getReason();
        if (reason != null) return reason;
        if (e instanceof NoSuchFileException) return "No such file or directory";
        if (e instanceof FileAlreadyExistsException) return "File exists";
        if (e instanceof AccessDeniedException) return "Permission denied";
        return e.getClass().getSimpleName();
    }
}
