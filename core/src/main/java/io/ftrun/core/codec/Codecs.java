package io.ftrun.core.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The built-in codecs.
 * <ul>
 *   <li>{@link #raw(long)}: one message is every byte until the peer closes (the tutorial file upload).</li>
 *   <li>{@link #chunks(long)}: each read is a message, whatever TCP delivered, at most {@code maxSize} bytes (the
 *       tutorial {@code recv(1024)} servers). No boundaries are promised: use it only for peers that have none.</li>
 *   <li>{@link #lines()}: messages end with a delimiter, {@code \n} by default; a {@code \r} before it is
 *       dropped, so {@code nc -C} and telnet-style peers work.</li>
 *   <li>{@link #lengthPrefixed(int)}: a 4-byte big-endian unsigned length, then that many bytes.</li>
 * </ul>
 */
public final class Codecs {
    /** Default maximum message size for message codecs: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE = 1 << 20;

    private Codecs() {
    }

    public static Codec raw(long maxSize) {
        return new Raw(maxSize);
    }

    public static Codec chunks(long maxSize) {
        return new Chunks(maxSize);
    }

    public static Codec lines() {
        return lines("\n", StandardCharsets.UTF_8, DEFAULT_MAX_MESSAGE);
    }

    public static Codec lines(String delimiter, Charset charset, int maxSize) {
        return new Lines(delimiter, charset, maxSize);
    }

    public static Codec lengthPrefixed(int maxSize) {
        return new LengthPrefixed(maxSize);
    }

    /** Resolves a codec by its configuration name with default settings and the given maximum size. */
    public static Codec byName(String name, long maxSize) {
        switch (name) {
            case "raw":
                return raw(maxSize);
            case "chunks":
                return chunks(maxSize);
            case "lines":
                return lines("\n", StandardCharsets.UTF_8, (int) Math.min(Integer.MAX_VALUE - 16, maxSize));
            case "length-prefixed":
                return lengthPrefixed((int) Math.min(Integer.MAX_VALUE - 16, maxSize));
            default:
                throw new IllegalArgumentException("unknown framing '" + name + "' (expected raw, chunks, lines or length-prefixed)");
        }
    }

    private static void requirePositive(long maxSize) {
        if (maxSize <= 0) throw new IllegalArgumentException("maximum message size must be positive, was " + maxSize);
    }

    private abstract static class Base implements Codec {
        final long maxSize;

        Base(long maxSize) {
            requirePositive(maxSize);
            this.maxSize = maxSize;
        }

        @Override
        public Charset charset() {
            return StandardCharsets.UTF_8;
        }

        @Override
        public long maxSize() {
            return maxSize;
        }

        @Override
        public void write(ByteSink out, byte[] message, int offset, int length) throws IOException {
            out.writeAll(ByteBuffer.wrap(message, offset, length));
        }

        @Override
        public String toString() {
            return name() + "(max " + maxSize + ")";
        }
    }

    private static final class Raw extends Base {
        Raw(long maxSize) {
            super(Math.min(maxSize, Integer.MAX_VALUE - 16));
        }

        @Override
        public String name() {
            return "raw";
        }

        @Override
        public boolean isStreaming() {
            return true;
        }

        @Override
        public byte[] read(InputBuffer in) throws IOException {
            if (in.isEndOfStream()) return null;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long n = in.copyTo(out, maxSize);
            return n == 0 ? null : out.toByteArray();
        }
    }

    private static final class Chunks extends Base {
        Chunks(long maxSize) {
            super(maxSize);
        }

        @Override
        public String name() {
            return "chunks";
        }

        @Override
        public boolean isStreaming() {
            return true;
        }

        @Override
        public byte[] read(InputBuffer in) throws IOException {
            return in.readChunk((int) Math.min(Integer.MAX_VALUE, maxSize));
        }
    }

    private static final class Lines extends Base {
        private final byte[] delimiter;
        private final Charset charset;
        private final boolean dropCr;

        Lines(String delimiter, Charset charset, int maxSize) {
            super(maxSize);
            Objects.requireNonNull(delimiter, "delimiter");
            if (delimiter.isEmpty()) throw new IllegalArgumentException("line delimiter must not be empty");
            this.charset = Objects.requireNonNull(charset, "charset");
            this.delimiter = delimiter.getBytes(charset);
            this.dropCr = delimiter.equals("\n");
        }

        @Override
        public String name() {
            return "lines";
        }

        @Override
        public Charset charset() {
            return charset;
        }

        @Override
        public byte[] read(InputBuffer in) throws IOException {
            // A line of maxSize bytes may still carry the '\r' we drop: allow that one byte while scanning.
            int scanLimit = (int) maxSize + (dropCr ? 1 : 0);
            byte[] line;
            try {
                line = in.readUntil(delimiter, scanLimit);
            } catch (FrameTooLargeException e) {
                throw new FrameTooLargeException(e.size(), maxSize);
            }
            if (line == null) return null;
            if (dropCr && line.length > 0 && line[line.length - 1] == '\r') {
                return java.util.Arrays.copyOf(line, line.length - 1);
            }
            if (line.length > maxSize) throw new FrameTooLargeException(line.length, maxSize);
            return line;
        }

        @Override
        public void write(ByteSink out, byte[] message, int offset, int length) throws IOException {
            if (length > maxSize) throw new FrameTooLargeException(length, maxSize);
            out.writeAll(ByteBuffer.wrap(message, offset, length), ByteBuffer.wrap(delimiter));
        }
    }

    private static final class LengthPrefixed extends Base {
        LengthPrefixed(int maxSize) {
            super(maxSize);
        }

        @Override
        public String name() {
            return "length-prefixed";
        }

        @Override
        public byte[] read(InputBuffer in) throws IOException {
            long len = in.readUint32OrEof();
            if (len < 0) return null;
            if (len > maxSize) throw new FrameTooLargeException(len, maxSize);
            byte[] out = new byte[(int) len];
            in.readFully(out);
            return out;
        }

        @Override
        public void write(ByteSink out, byte[] message, int offset, int length) throws IOException {
            if (length > maxSize) throw new FrameTooLargeException(length, maxSize);
            ByteBuffer header = ByteBuffer.allocate(4).putInt(0, length);
            out.writeAll(header, ByteBuffer.wrap(message, offset, length));
        }
    }
}
