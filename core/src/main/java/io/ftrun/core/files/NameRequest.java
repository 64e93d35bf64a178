package io.ftrun.core.files;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a {@link NamingPolicy} knows about a file it has to name.
 *
 * @param directory     the receiver's target directory (absolute, real path); every name is resolved inside it
 * @param remote        the sender's address
 * @param originalName  the sender's relative path, '/'-separated (framed protocol), or null (raw: senders send no name)
 * @param size          the size the sender announced, or -1 when unknown (raw)
 * @param connectionId  the id of the connection within its server
 * @param time          when the transfer started; time-based names use this, so every attempt sees the same time
 * @param protocol      {@link FileProtocol#RAW} or {@link FileProtocol#FRAMED}
 * @param instance      the receiver's instance identity ({@link FileReceiverConfig.Builder#instance}), or null: several
 *                      receivers sharing one directory name files apart with it
 */
public record NameRequest(Path directory, InetSocketAddress remote, String originalName, long size, long connectionId,
                          Instant time, FileProtocol protocol, String instance) {

    /** A request for a receiver without an instance identity. */
    public NameRequest(Path directory, InetSocketAddress remote, String originalName, long size, long connectionId,
                       Instant time, FileProtocol protocol) {
        this(directory, remote, originalName, size, connectionId, time, protocol, null);
    }

    /** The last component of the original name ({@code "b.pdf"} for {@code "a/b.pdf"}), or null in raw mode. */
    public String originalFileName() {
        if (originalName == null) return null;
        int slash = originalName.lastIndexOf('/');
        return slash < 0 ? originalName : originalName.substring(slash + 1);
    }

    /** The extension of the original file name without the dot ({@code "pdf"}), or "" when there is none. */
    public String extension() {
        String n = originalFileName();
        if (n == null) return "";
        int dot = n.lastIndexOf('.');
        return dot <= 0 || dot == n.length() - 1 ? "" : n.substring(dot + 1);
    }

    /** The sender's IP address as text (no port). */
    public String remoteHost() {
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
