package io.ftrun.dsl;

import io.ftrun.core.ConnectionOptions;
import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.dsl.internal.Values;

import java.util.Collections;
import java.util.Map;

/**
 * What {@code server { }} and {@code client { }} both say about their connections: timeouts, chunk size, socket
 * buffers, rate limit and framing. One method each, applied to the engine's shared {@link ConnectionOptions.Builder},
 * so the two blocks cannot drift apart in names, units or checks.
 */
public abstract class ConnectionSpec<B extends ConnectionOptions.Builder<B>> extends Spec {
    /** The engine's builder for this block's config (a server's or a client's). */
    protected final B builder;
    /** The block's name, which its connections' events and logs carry. */
    protected final String name;
    /** The framing the script chose; null until it does (a server's handler may then pick its own). */
    protected Codec codec;

    ConnectionSpec(ScriptModel model, String block, String name, B builder) {
        super(model, block);
        this.name = name;
        this.builder = builder.name(name);
    }

    /** The {@code tls { }} block of either side, its own spec configured by {@code action}, then set on the engine. */
    <S extends TlsSpec> void applyTls(S spec, Action<? super S> action) {
        checkOpen("tls");
        builder.tls(io.ftrun.dsl.internal.Closures.configure(spec, action).toConfig());
    }

    /** Close a connection whose peer sends nothing for this long: {@code idleTimeout '30s'} (a server: no limit by default; a client: 60 s). */
    public void idleTimeout(Object d) {
        set("idleTimeout", () -> builder.idleTimeout(Values.duration(d, "idleTimeout")));
    }

    /** Close a connection whose peer does not read for this long (60 s by default). */
    public void writeTimeout(Object d) {
        set("writeTimeout", () -> builder.writeTimeout(Values.duration(d, "writeTimeout")));
    }

    /** Read and write chunk size: {@code chunkSize '64KB'}. */
    public void chunkSize(Object size) {
        set("chunkSize", () -> builder.chunkSize((int) Values.size(size, "chunkSize")));
    }

    /**
     * The socket's receive buffer (SO_RCVBUF), set before the handshake (a server's on its listening socket) so the
     * window scale covers it: {@code receiveBuffer '4MB'} or bytes, 1KB..64MB. Unset, the kernel sizes and autotunes
     * it; set it for long fat links.
     */
    public void receiveBuffer(Object size) {
        set("receiveBuffer", () -> builder.receiveBufferSize(Values.socketBuffer(size, "receiveBuffer")));
    }

    /** Each connection's send buffer (SO_SNDBUF): {@code sendBuffer '4MB'} or bytes, 1KB..64MB. Unset, the kernel's default. */
    public void sendBuffer(Object size) {
        set("sendBuffer", () -> builder.sendBufferSize(Values.socketBuffer(size, "sendBuffer")));
    }

    /** Each connection moves at most this much per second, reads and writes together: {@code rateLimit '512KB'}. */
    public void rateLimit(Object bytesPerSecond) {
        set("rateLimit", () -> builder.rateLimit(Values.size(bytesPerSecond, "rateLimit")));
    }

    public void framing(String type) {
        framing(Collections.emptyMap(), type);
    }

    /** {@code framing 'lines', maxSize: '64KB', delimiter: '\r\n', charset: 'UTF-8'}. */
    public void framing(Map<String, ?> options, String type) {
        checkOpen("framing");
        this.codec = FramingSpec.codec(type, options, Codecs.DEFAULT_MAX_MESSAGE);
    }
}
