package io.ftrun.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/** Bytes as they are: reads through the socket's stream adaptor, gathering writes and {@code transferTo} (sendfile). */
final class PlainTransport implements Transport {
    private final SocketChannel channel;
    private final InputStream in;

    PlainTransport(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = channel.socket().getInputStream();
    }

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public long write(ByteBuffer[] buffers) throws IOException {
        return channel.write(buffers);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        return file.transferTo(position, count, channel);
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        // nothing beyond closing the socket, which the connection does
    }

    @Override
    public String describe() {
        return "plain";
    }
}
