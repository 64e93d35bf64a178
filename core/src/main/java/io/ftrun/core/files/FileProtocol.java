package io.ftrun.core.files;

/** How a file receiver reads the bytes of a connection. */
public enum FileProtocol {
    /**
     * One file per connection: every byte until the peer closes, exactly what {@code nc -N host port < file} or the
     * tutorial's python client produces. Cannot tell a killed sender from a finished one when the kernel sends a
     * clean FIN: use {@link #FRAMED} where that matters.
     */
    RAW,
    /** The verified, versioned ftrun protocol (docs/PROTOCOL.md): several files, directories, digests, resume. */
    FRAMED,
    /**
     * Detects the protocol per connection: a connection that opens with the framed protocol's HELLO is framed,
     * anything else is raw.
     */
    AUTO
}
