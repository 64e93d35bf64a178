package io.ftrun.core.files;

// Over 300 lines on purpose: every byte layout of the protocol in one place, in the order of docs/PROTOCOL.md,
// sharing one set of field readers and writers.

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The framed protocol's control messages and their byte layouts (docs/PROTOCOL.md, "Messages"). All integers are
 * big-endian; strings are a length then UTF-8 (names of digest algorithms: ASCII). Bytes after the fields a
 * message defines are ignored, which leaves room for later versions.
 */
final class Messages {
    private Messages() {
    }

    record Hello(int minVersion, int maxVersion, String token) {
        byte[] encode() {
            return build(out -> {
                out.write(Protocol.MAGIC);
                out.writeByte(minVersion);
                out.writeByte(maxVersion);
                writeString16(out, token == null ? "" : token);
            });
        }

        static Hello decode(ByteBuffer b) throws FileTransferException {
            return parse("HELLO", () -> {
                byte[] magic = new byte[4];
                b.get(magic);
                if (!Arrays.equals(magic, Protocol.MAGIC)) throw Frames.protocolError("not an ftrun HELLO (bad magic)");
                int min = b.get() & 0xFF;
                int max = b.get() & 0xFF;
                String token = new String(bytes16(b), StandardCharsets.UTF_8);
                return new Hello(min, max, token.isEmpty() ? null : token);
            });
        }
    }

    /** {@code window} (version 2 and later): how many files may be announced ahead of their data; 1 in version 1. */
    record Welcome(int version, int flags, long maxFileSize, int maxData, List<String> digests, int window) {
        Welcome(int version, int flags, long maxFileSize, int maxData, List<String> digests) {
            this(version, flags, maxFileSize, maxData, digests, 1);
        }

        byte[] encode() {
            return build(out -> {
                out.write(Protocol.MAGIC);
                out.writeByte(version);
                out.writeByte(flags);
                out.writeLong(maxFileSize);
                out.writeInt(maxData);
                out.writeByte(digests.size());
                for (String d : digests) writeString8(out, d);
                if (version >= Protocol.V2) out.writeShort(window);
            });
        }

        static Welcome decode(ByteBuffer b) throws FileTransferException {
            return parse("WELCOME", () -> {
                byte[] magic = new byte[4];
                b.get(magic);
                if (!Arrays.equals(magic, Protocol.MAGIC)) throw Frames.protocolError("not an ftrun WELCOME (bad magic)");
                int version = b.get() & 0xFF;
                int flags = b.get() & 0xFF;
                long maxFile = b.getLong();
                int maxData = b.getInt();
                int n = b.get() & 0xFF;
                List<String> digests = new ArrayList<>(n);
                for (int i = 0; i < n; i++) digests.add(new String(bytes8(b), StandardCharsets.US_ASCII));
                int window = version >= Protocol.V2 ? b.getShort() & 0xFFFF : 1;
                if (window < 1) throw Frames.protocolError("WELCOME window must be at least 1, got 0");
                return new Welcome(version, flags, maxFile, maxData, digests, window);
            });
        }

        boolean resumeAllowed() {
            return (flags & Protocol.WELCOME_RESUME) != 0;
        }

        boolean compressionAccepted() {
            return version >= Protocol.V2 && (flags & Protocol.WELCOME_COMPRESS) != 0;
        }
    }

    /**
     * FILE: the header of one file. {@code path} stays bytes so the receiver can refuse invalid UTF-8.
     * {@code resumeTag} is there only with {@link Protocol#FILE_RESUME_WITH_PROOF}, {@code skipDigest} (the whole
     * file's digest) only with {@link Protocol#FILE_SKIP_UNCHANGED} (empty otherwise).
     */
    record FileHeader(int flags, long size, int mode, long mtime, String algorithm, byte[] path, byte[] resumeTag, byte[] skipDigest) {
        FileHeader(int flags, long size, int mode, long mtime, String algorithm, byte[] path) {
            this(flags, size, mode, mtime, algorithm, path, new byte[0], new byte[0]);
        }

        FileHeader(int flags, long size, int mode, long mtime, String algorithm, byte[] path, byte[] resumeTag) {
            this(flags, size, mode, mtime, algorithm, path, resumeTag, new byte[0]);
        }

        byte[] encode() {
            return build(out -> {
                out.writeByte(flags);
                out.writeLong(size);
                out.writeInt(mode);
                out.writeLong(mtime);
                writeString8(out, algorithm);
                out.writeShort(path.length);
                out.write(path);
                if (has(Protocol.FILE_RESUME_WITH_PROOF)) writeBytes8(out, resumeTag);
                if (has(Protocol.FILE_SKIP_UNCHANGED)) writeBytes8(out, skipDigest);
            });
        }

        static FileHeader decode(ByteBuffer b) throws FileTransferException {
            return parse("FILE", () -> {
                int flags = b.get() & 0xFF;
                long size = b.getLong();
                if (size < 0) throw Frames.protocolError("FILE size " + Long.toUnsignedString(size) + " is beyond 2^63-1");
                int mode = b.getInt();
                long mtime = b.getLong();
                String algorithm = new String(bytes8(b), StandardCharsets.US_ASCII);
                byte[] path = bytes16(b);
                byte[] tag = (flags & Protocol.FILE_RESUME_WITH_PROOF) != 0 ? bytes8(b) : new byte[0];
                byte[] skip = (flags & Protocol.FILE_SKIP_UNCHANGED) != 0 ? bytes8(b) : new byte[0];
                return new FileHeader(flags, size, mode, mtime, algorithm, path, tag, skip);
            });
        }

        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    /**
     * READY: where the sender starts. Answering FILE with {@code offset > 0} it offers a partial, with a fresh
     * {@code nonce} for the sender's proof; answering START it confirms the offset (or 0), with an empty nonce.
     */
    record Ready(long offset, byte[] nonce) {
        /** READY without a nonce: offset 0 for a fresh file, or the verdict on a START. */
        static Ready at(long offset) {
            return new Ready(offset, new byte[0]);
        }

        byte[] encode() {
            return build(out -> {
                out.writeLong(offset);
                writeBytes8(out, nonce);
            });
        }

        static Ready decode(ByteBuffer b) throws FileTransferException {
            return parse("READY", () -> new Ready(b.getLong(), bytes8(b)));
        }
    }

    /** START: the offset the sender continues from (READY's, or 0) and its proof of that prefix (empty for 0). */
    record Start(long offset, byte[] proof) {
        byte[] encode() {
            return build(out -> {
                out.writeLong(offset);
                writeBytes8(out, proof);
            });
        }

        static Start decode(ByteBuffer b) throws FileTransferException {
            return parse("START", () -> new Start(b.getLong(), bytes8(b)));
        }
    }

    static byte[] encodeEnd(byte[] digest) {
        return build(out -> writeBytes8(out, digest));
    }

    static byte[] decodeEnd(ByteBuffer b) throws FileTransferException {
        return parse("END", () -> bytes8(b));
    }

    record Done(byte[] digest, String storedName) {
        byte[] encode() {
            return build(out -> {
                writeBytes8(out, digest);
                writeString16(out, storedName);
            });
        }

        static Done decode(ByteBuffer b) throws FileTransferException {
            return parse("DONE", () -> new Done(bytes8(b), new String(bytes16(b), StandardCharsets.UTF_8)));
        }
    }

    /** SKIP (version 2): the receiver holds this file unchanged, under {@code storedName}; no data follows. */
    record Skip(String storedName) {
        byte[] encode() {
            return build(out -> writeString16(out, storedName));
        }

        static Skip decode(ByteBuffer b) throws FileTransferException {
            return parse("SKIP", () -> new Skip(new String(bytes16(b), StandardCharsets.UTF_8)));
        }
    }

    record Error(ErrorCode code, int wireCode, String message) {
        Error(ErrorCode code, String message) {
            this(code, code.code(), message);
        }

        byte[] encode() {
            return build(out -> {
                out.writeShort(wireCode);
                writeString16(out, message.length() > 1000 ? message.substring(0, 1000) + "..." : message);
            });
        }

        static Error decode(ByteBuffer b) throws FileTransferException {
            return parse("ERROR", () -> {
                int code = b.getShort() & 0xFFFF;
                String message = new String(bytes16(b), StandardCharsets.UTF_8);
                return new Error(ErrorCode.of(code), code, message);
            });
        }
    }

    /**
     * GET (version 2): the client asks for {@code path} (relative to what the server serves; empty: all of it) and
     * states, as a WELCOME would, what it accepts as the receiver of the files that follow.
     */
    record Get(String path, Welcome terms) {
        byte[] encode() {
            byte[] t = terms.encode();
            return build(out -> {
                writeString16(out, path);
                out.write(t);
            });
        }

        static Get decode(ByteBuffer b) throws FileTransferException {
            String path = parse("GET", () -> new String(bytes16(b), StandardCharsets.UTF_8));
            return new Get(path, Welcome.decode(b));
        }
    }

    /** LIST (version 2): what {@code path} holds, answered by LISTING frames. */
    static byte[] encodeList(String path) {
        return build(out -> writeString16(out, path));
    }

    static String decodeList(ByteBuffer b) throws FileTransferException {
        return parse("LIST", () -> new String(bytes16(b), StandardCharsets.UTF_8));
    }

    /** One file in a LISTING: its path as GET would send it, its size and modification time. */
    record Listed(String path, long size, long mtime) {
        /** Its bytes in a LISTING. */
        int encodedSize() {
            return 8 + 8 + 2 + path.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** LISTING (version 2): part of the answer to LIST; an empty one ends it. */
    static byte[] encodeListing(List<Listed> entries) {
        return build(out -> {
            out.writeShort(entries.size());
            for (Listed e : entries) {
                out.writeLong(e.size());
                out.writeLong(e.mtime());
                writeString16(out, e.path());
            }
        });
    }

    static List<Listed> decodeListing(ByteBuffer b) throws FileTransferException {
        return parse("LISTING", () -> {
            int n = b.getShort() & 0xFFFF;
            List<Listed> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long size = b.getLong();
                long mtime = b.getLong();
                out.add(new Listed(new String(bytes16(b), StandardCharsets.UTF_8), size, mtime));
            }
            return out;
        });
    }

    // ---- helpers

    @FunctionalInterface
    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse() throws FileTransferException;
    }

    private static byte[] build(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static <T> T parse(String what, Parser<T> parser) throws FileTransferException {
        try {
            return parser.parse();
        } catch (BufferUnderflowException e) {
            throw Frames.protocolError(what + " message is shorter than its fields");
        }
    }

    private static void writeString8(DataOutputStream out, String s) throws IOException {
        writeBytes8(out, s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeBytes8(DataOutputStream out, byte[] b) throws IOException {
        if (b.length > 255) throw new IllegalArgumentException("field of " + b.length + " bytes exceeds 255");
        out.writeByte(b.length);
        out.write(b);
    }

    private static void writeString16(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 65535) throw new IllegalArgumentException("field of " + b.length + " bytes exceeds 65535");
        out.writeShort(b.length);
        out.write(b);
    }

    private static byte[] bytes8(ByteBuffer b) {
        byte[] out = new byte[b.get() & 0xFF];
        b.get(out);
        return out;
    }

    private static byte[] bytes16(ByteBuffer b) {
        byte[] out = new byte[b.getShort() & 0xFFFF];
        b.get(out);
        return out;
    }
}
