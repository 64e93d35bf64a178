package io.ftrun.core.files;

import io.ftrun.core.AtLimit;
import io.ftrun.core.Handler;

import java.util.Arrays;

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
        return handler(config, null);
    }

    /**
     * A handler that receives as {@code receiving} says and serves {@code serving} for download (docs/PROTOCOL.md,
     * "Downloads"); either may be null, not both. Downloads need the framed protocol: a raw-only receiver cannot serve.
     */
    public static Handler handler(FileReceiverConfig receiving, ServeConfig serving) {
        if (receiving == null && serving == null) throw new IllegalArgumentException("nothing to receive and nothing to serve");
        if (receiving != null && serving != null && receiving.protocol() == FileProtocol.RAW) {
            throw new IllegalArgumentException("a raw-only receiver cannot serve downloads: use protocol FRAMED or AUTO");
        }
        ServedDirectory served = serving == null ? null : new ServedDirectory(serving);
        if (receiving == null) {
            Handler serveOnly = conn -> new FramedReceiver(conn, null, served).serve();
            return serveOnly.withAtLimit(atLimit(FileProtocol.FRAMED));
        }
        FileReceiverConfig config = receiving;
        ReceiverContext ctx = new ReceiverContext(config);
        Handler receiver = conn -> {
            FileProtocol protocol = config.protocol();
            if (protocol != FileProtocol.FRAMED) {
                // a raw upload has no header to put a deadline on: from the first byte on, it is held to the rate
                conn.minReadRate(config.minRate(), config.minRateGrace());
                // peek at the first bytes (they stay buffered, nothing is consumed): AUTO decides by them, and RAW
                // refuses a framed sender instead of storing its HELLO as a file
                byte[] head = conn.input().peek(PROBE);
                boolean framed = looksFramed(head, head.length);
                if (protocol == FileProtocol.AUTO) {
                    protocol = framed ? FileProtocol.FRAMED : FileProtocol.RAW;
                    if (framed) conn.minReadRate(0, java.time.Duration.ZERO); // headers have their own deadline
                } else if (framed) {
                    FramedReceiver.refuseFramedSender(conn);
                    return;
                }
            }
            if (protocol == FileProtocol.FRAMED) {
                new FramedReceiver(conn, ctx, served).serve();
            } else {
                new RawReceiver(conn, ctx).receive();
            }
        };
        return receiver.withAtLimit(atLimit(config.protocol()));
    }

    /**
     * A raw sender never reads, so it cannot see a refusal: it would report success for a file never stored. Raw and
     * AUTO receivers make such peers wait for a slot; a framed-only receiver answers with the protocol's ERROR BUSY.
     */
    static AtLimit atLimit(FileProtocol protocol) {
        if (protocol != FileProtocol.FRAMED) return AtLimit.waitForSlot();
        Messages.Error busy = new Messages.Error(ErrorCode.BUSY, "the receiver is at its connection limit; try again later");
        return AtLimit.refuse(Frames.frame(Protocol.ERROR, busy.encode()));
    }

    /** The buffer size for digesting a resumed file's prefix (data itself goes through the connection's buffer). */
    static final int BUFFER_SIZE = 64 * 1024;
    /** A framed session opens with a HELLO frame whose payload starts with the magic: 1 + 4 + 4 bytes. */
    private static final int PROBE = Protocol.HEADER + Protocol.MAGIC.length;

    static boolean looksFramed(byte[] head, int n) {
        if (n < PROBE || head[0] != Protocol.HELLO) return false;
        return Arrays.equals(head, Protocol.HEADER, PROBE, Protocol.MAGIC, 0, Protocol.MAGIC.length);
    }
}
