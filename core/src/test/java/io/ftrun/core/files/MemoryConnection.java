package io.ftrun.core.files;

import io.ftrun.core.Connection;
import io.ftrun.core.Message;
import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.codec.InputBuffer;
import io.ftrun.core.event.Event;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection without a socket, for fuzzing: the peer's bytes are a fixed array, what we answer is collected.
 * Thousands of sessions a second, no ports, no threads.
 */
final class MemoryConnection implements Connection {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    private final InputBuffer input;
    private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private boolean open = true;

    MemoryConnection(byte[] fromPeer) {
        this.input = new InputBuffer(new ByteArrayInputStream(fromPeer), 4096);
    }

    byte[] answer() {
        return answer.toByteArray();
    }

    @Override public long id() { return 1; }
    @Override public InetSocketAddress remoteAddress() { return PEER; }
    @Override public InetSocketAddress localAddress() { return PEER; }
    @Override public Map<String, Object> attributes() { return attributes; }
    @Override public Codec codec() { return Codecs.chunks(4096); }
    @Override public InputBuffer input() { return input; }
    @Override public Message receive() { throw new UnsupportedOperationException(); }
    @Override public Message receive(Codec codec) { throw new UnsupportedOperationException(); }
    @Override public void send(byte[] message) { answer.writeBytes(message); }
    @Override public void send(String text) { send(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }
    @Override public void send(Codec codec, byte[] message) { send(message); }
    @Override public void write(byte[] bytes, int offset, int length) { answer.write(bytes, offset, length); }

    @Override
    public void write(ByteBuffer... buffers) {
        for (ByteBuffer b : buffers) {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            answer.writeBytes(a);
        }
    }

    @Override public long sendFile(Path file) { throw new UnsupportedOperationException(); }
    @Override public long sendFile(Path file, long position, long count) { throw new UnsupportedOperationException(); }
    @Override public void shutdownOutput() { }
    @Override public void readTimeout(Duration timeout) { }
    @Override public boolean isOpen() { return open; }
    @Override public void emit(Event event) { event.fields(); } // building the fields exercises the events' sanitising
    @Override public String owner() { return "fuzz"; }
    @Override public long bytesIn() { return input.bytesRead(); }
    @Override public long bytesOut() { return answer.size(); }
    @Override public void close() { open = false; }
}
