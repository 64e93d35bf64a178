package io.ftrun.core.files;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * How a sender shows that it holds the bytes of a partial before it may continue it (docs/PROTOCOL.md, "Resume").
 * Nothing here ever reveals a digest of the receiver's data to the sender:
 * <ul>
 *   <li>the <b>tag</b> in FILE is a digest of the first {@value #TAG_HEAD} bytes of the sender's own file; a
 *       partial is offered only to a FILE with the tag its maker sent, so a peer that lacks those bytes is not even
 *       told that a partial exists;</li>
 *   <li>the <b>proof</b> in START is SHA-256 over a fresh random nonce from READY followed by the first
 *       {@code offset} bytes: it covers the whole prefix, cannot be replayed (a new nonce every time), and is
 *       computed by the receiver over its partial and compared in constant time.</li>
 * </ul>
 */
final class ResumeProof {
    /** Bytes of the source's head the tag covers: all of a small file, enough of a big one to be hard to guess. */
    static final int TAG_HEAD = 64 * 1024;
    static final int NONCE_BYTES = 32;
    /** Keeps the tag from ever equalling the SHA-256 of a small file itself, which END and the events show. */
    private static final byte[] TAG_DOMAIN = "ftrun resume tag\0".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResumeProof() {
    }

    /** The resume tag of a source file of {@code size} bytes, read through {@code buffer}. */
    static byte[] tag(Path file, long size, ByteBuffer buffer) throws FileTransferException {
        Digests.Digester d = Digests.create(Digests.SHA256);
        d.update(TAG_DOMAIN, 0, TAG_DOMAIN.length);
        ReceiverContext.digestPrefix(file, Math.min(size, TAG_HEAD), d, buffer);
        return d.finish();
    }

    /** The same, read from a channel the caller has open. */
    static byte[] tag(java.nio.channels.FileChannel file, long size, ByteBuffer buffer) throws java.io.IOException {
        Digests.Digester d = Digests.create(Digests.SHA256);
        d.update(TAG_DOMAIN, 0, TAG_DOMAIN.length);
        ReceiverContext.digestPrefix(file, Math.min(size, TAG_HEAD), d, buffer);
        return d.finish();
    }

    /** The same, of a file whose bytes are all in {@code content}. */
    static byte[] tag(byte[] content) {
        Digests.Digester d = Digests.create(Digests.SHA256);
        d.update(TAG_DOMAIN, 0, TAG_DOMAIN.length);
        d.update(content, 0, (int) Math.min(content.length, TAG_HEAD));
        return d.finish();
    }

    static byte[] nonce() {
        return randomBytes(NONCE_BYTES);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A running proof for {@code nonce}: feed it the prefix, then {@link Digests.Digester#finish()}. */
    static Digests.Digester proof(byte[] nonce) {
        Digests.Digester d = Digests.create(Digests.SHA256);
        d.update(nonce, 0, nonce.length);
        return d;
    }

    /** Constant time, so the comparison tells nothing about how much of a guess was right. */
    static boolean holds(byte[] expected, byte[] presented) {
        return MessageDigest.isEqual(expected, presented);
    }
}
