package io.ftrun.bench;

import io.ftrun.core.Connection;
import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.codec.InputBuffer;
import io.ftrun.core.event.Event;
import io.ftrun.core.event.EventListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Connection} (public API) over in-memory streams: what a file receiver's handler or {@code FileSender}
 * sees of a socket, without the kernel. Reads come from {@code in} through an {@link InputBuffer} of 64 KiB, the
 * default chunk; written bytes go to {@code out}, or are dropped when it is null. Events go to a listener.
 */
final class MemoryConnection implements Connection {
    static final int CHUNK = 64 * 1024;
    private static final AtomicLong IDS = new AtomicLong();
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9000);

    private final long id = IDS.incrementAndGet();
    private final InputBuffer input;
    private final OutputStream out;
    private final EventListener events;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile boolean open = true;
    private long bytesOut;

    MemoryConnection(InputStream in, OutputStream out, EventListener events) {
        this.input = new InputBuffer(in, CHUNK);
        this.out = out;
        this.events = events;
    }

    @Override public long id() { return id; }
    @Override public InetSocketAddress remoteAddress() { return PEER; }
    @Override public InetSocketAddress localAddress() { return LOCAL; }
    @Override public Map<String, Object> attributes() { return attributes; }
    @Override public Codec codec() { return Codecs.raw(Long.MAX_VALUE); }
    @Override public InputBuffer input() { return input; }

    @Override
    public void send(Codec codec, byte[] message) throws IOException {
        codec.write(this::write, message, 0, message.length);
    }

    @Override
    public void write(ByteBuffer... buffers) throws IOException {
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            if (out != null) {
                if (b.hasArray()) {
                    out.write(b.array(), b.arrayOffset() + b.position(), n);
                } else {
                    byte[] copy = new byte[n];
                    b.duplicate().get(copy);
                    out.write(copy);
                }
            }
            b.position(b.limit());
            bytesOut += n;
        }
        if (out != null) out.flush(); // a pipe's reader waits up to a second for data unless the writer flushes
    }

    @Override
    public long sendFile(Path file, long position, long count) {
        throw new UnsupportedOperationException("the benchmarks send framed, through write()");
    }

    /**
     * Nothing is waiting: on a socket the receiver's answer comes after the data, while here a replayed answer is
     * buffered from the start (a sender seeing it would take it for an early ERROR and stop sending).
     */
    @Override
    public int available() {
        return 0;
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (out != null) out.close();
    }

    @Override public void readTimeout(Duration timeout) { }
    @Override public boolean isOpen() { return open; }
    @Override public void emit(Event event) { events.onEvent(event); }
    @Override public String owner() { return "bench"; }
    @Override public long bytesIn() { return input.bytesRead(); }
    @Override public long bytesOut() { return bytesOut; }

    @Override
    public void close() {
        open = false;
        try {
            if (out != null) out.close();
        } catch (IOException ignored) {
            // nothing to tell
        }
    }
}
