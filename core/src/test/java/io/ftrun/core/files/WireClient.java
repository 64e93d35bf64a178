package io.ftrun.core.files;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven framed-protocol peer for tests: sends exactly the frames a test wants (hostile names, wrong
 * digests, short files, a connection cut in the middle) and reads the answers.
 */
final class WireClient implements AutoCloseable {
    final Socket socket;
    final DataOutputStream out;
    final DataInputStream in;

    WireClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(socket.getOutputStream());
        in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and completes the handshake. */
    static WireClient session(int port) throws IOException {
        return session(port, null);
    }

    /** Connects and completes the handshake, presenting {@code token} (null: none). */
    static WireClient session(int port, String token) throws IOException {
        WireClient c = new WireClient(port);
        c.frame(Protocol.HELLO, new Messages.Hello(1, 1, token).encode());
        Frame w = c.read();
        if (w.type != Protocol.WELCOME) throw new IOException("no WELCOME: " + w);
        return c;
    }

    record Frame(int type, byte[] payload) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(payload);
        }

        Messages.Error error() throws IOException {
            if (type != Protocol.ERROR) throw new AssertionError("expected ERROR, got " + Protocol.typeName(type));
            return Messages.Error.decode(buffer());
        }

        @Override
        public String toString() {
            try {
                return Protocol.typeName(type) + (type == Protocol.ERROR ? " " + error() : "");
            } catch (IOException e) {
                return Protocol.typeName(type);
            }
        }
    }

    void frame(int type, byte[] payload) throws IOException {
        out.writeByte(type);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    Frame read() throws IOException {
        int type = in.readUnsignedByte();
        int len = in.readInt();
        byte[] p = new byte[len];
        in.readFully(p);
        return new Frame(type, p);
    }

    /** FILE for {@code name} (raw bytes, so tests can send invalid UTF-8) and returns the answer. */
    Frame file(byte[] name, long size, String algorithm, int flags, long mtime) throws IOException {
        return file(name, size, algorithm, flags, mtime, new byte[0]);
    }

    /** FILE with a resume tag (sent when {@code flags} has {@link Protocol#FILE_RESUME_WITH_PROOF}). */
    Frame file(byte[] name, long size, String algorithm, int flags, long mtime, byte[] resumeTag) throws IOException {
        frame(Protocol.FILE, new Messages.FileHeader(flags, size, 0644, mtime, algorithm, name, resumeTag).encode());
        return read();
    }

    Frame file(String name, long size, String algorithm) throws IOException {
        return file(name.getBytes(StandardCharsets.UTF_8), size, algorithm, 0, 0);
    }

    /** Sends {@code b} as DATA frames of at most 256 KiB. */
    void data(byte[] b) throws IOException {
        int step = 256 * 1024;
        for (int at = 0; at < b.length; at += step) {
            frame(Protocol.DATA, java.util.Arrays.copyOfRange(b, at, Math.min(b.length, at + step)));
        }
    }

    Frame end(byte[] digest) throws IOException {
        frame(Protocol.END, Messages.encodeEnd(digest));
        return read();
    }

    static byte[] digest(String algorithm, byte[] data) {
        Digests.Digester d = Digests.create(algorithm);
        d.update(data, 0, data.length);
        return d.finish();
    }

    /** Sends a whole file correctly; returns the final answer (DONE or ERROR). */
    Frame sendFile(String name, byte[] data) throws IOException {
        Frame ready = file(name, data.length, Digests.CRC32C);
        if (ready.type != Protocol.READY) return ready;
        if (data.length > 0) data(data);
        return end(digest(Digests.CRC32C, data));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
