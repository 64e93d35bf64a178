package io.ftrun.core.files;

import io.ftrun.core.Handler;

/**
 * Receives files on a server's connections: raw (one file per connection, the tutorial's clients), framed (the
 * verified protocol of docs/PROTOCOL.md), or detected per connection. Files are written to hidden temporaries and
 * appear under their final name only when complete and verified.
 *
 * <pre>{@code
 * Server.start(ServerConfig.builder()
 *         .handler(FileReceiver.handler(FileReceiverConfig.builder()
 *                 .directory(Path.of("inbox"))
 *                 .naming(NamingPolicies.counter("file_%d.pdf"))
 *                 .build()))
 *         .build());
 * }</pre>
 */
public final class FileReceiver {
    private FileReceiver() {
    }

    /**
     * A handler storing files as {@code config} says. Creates the directory if needed and removes stale
     * temporaries ({@link FileReceiverConfig#staleTemporaries()}).
     *
     * @throws java.io.UncheckedIOException if the directory cannot be created or used
     */
    public static Handler handler(FileReceiverConfig config) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
