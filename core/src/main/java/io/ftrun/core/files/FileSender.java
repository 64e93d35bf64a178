package io.ftrun.core.files;

import io.ftrun.core.Connection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** Sends files to a {@link FileReceiver}: raw like the tutorial's client, or with the verified framed protocol. */
public final class FileSender {
    private FileSender() {
    }

    /**
     * Raw sending, what {@code nc -N host port < file} does: the file's bytes, then a half-close so the receiver
     * sees the end. The receiver cannot confirm anything in raw mode; use {@link #send} for that.
     *
     * @return the number of bytes sent
     */
    public static long sendRaw(Connection connection, Path file) throws IOException {
        long n = connection.sendFile(file);
        connection.shutdownOutput();
        return n;
    }

    /**
     * Sends a file, or a directory tree (its regular files, relative paths kept, the directory's own name as the
     * first component), with the framed protocol, each file verified by the receiver's digest.
     *
     * @return per file: confirmed, or the receiver's error code and message. Check {@link SendReport#allConfirmed()}.
     * @throws IOException when the connection fails or the receiver refuses the session (wrong token, version)
     */
    public static SendReport send(Connection connection, Path fileOrDirectory, SendOptions options) throws IOException {
        return send(connection, List.of(fileOrDirectory), options);
    }

    /** Like {@link #send(Connection, Path, SendOptions)} for several files and directories in one session. */
    public static SendReport send(Connection connection, Collection<Path> filesOrDirectories, SendOptions options) throws IOException {
        return new FramedSender(connection, options).send(filesOrDirectories);
    }
}
