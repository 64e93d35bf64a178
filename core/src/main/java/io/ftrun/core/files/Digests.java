package io.ftrun.core.files;

import io.ftrun.core.internal.BigEndian;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The digest algorithms of the framed protocol, by their wire names. The default is {@value #DEFAULT}: on the
 * machines measured (docs/FILES.md) it runs at several GB/s, far above what a socket delivers, while SHA-256 runs at
 * a few hundred MB/s and can become the bottleneck on fast links. CRC32C detects accidental damage (every burst
 * error up to 32 bits, and all but 1 in 4 billion others); choose {@value #SHA256} when the data may be tampered
 * with on purpose, and for a transfer that may be resumed (a resumed file is two sessions' bytes: only a
 * cryptographic digest binds them, so {@link SendOptions} picks {@value #SHA256} when resume is on).
 */
public final class Digests {
    /** CRC-32C (Castagnoli), 4 bytes big-endian. Hardware-accelerated in the JDK. */
    public static final String CRC32C = "crc32c";
    /** CRC-32 (IEEE 802.3, as zlib's crc32 and python's zlib.crc32), 4 bytes big-endian. */
    public static final String CRC32 = "crc32";
    /** SHA-256, 32 bytes. */
    public static final String SHA256 = "sha-256";
    /** The algorithm used when nothing else is chosen and nothing is to be resumed (a resume needs {@value #SHA256}). */
    public static final String DEFAULT = CRC32C;

    private static final List<String> SUPPORTED = List.of(CRC32C, SHA256, CRC32);

    private Digests() {
    }

    /** Every algorithm this implementation computes, fastest first. */
    public static List<String> supported() {
        return SUPPORTED;
    }

    /**
     * The wire name for a user's spelling ({@code SHA256}, {@code sha-256}, {@code CRC32C}...).
     *
     * @throws IllegalArgumentException for an unknown algorithm, listing the known ones
     */
    public static String canonical(String algorithm) {
        if (algorithm == null) throw new IllegalArgumentException("digest algorithm must not be null");
        String a = algorithm.trim().toLowerCase(Locale.ROOT).replace("_", "-");
        if (a.equals("sha256")) a = SHA256;
        if (a.equals("crc-32c")) a = CRC32C;
        if (a.equals("crc-32")) a = CRC32;
        if (!SUPPORTED.contains(a)) {
            throw new IllegalArgumentException("unknown digest algorithm '" + algorithm + "' (known: " + String.join(", ", SUPPORTED) + ")");
        }
        return a;
    }

    /** Hex of a digest, lower case. */
    public static String hex(byte[] digest) {
        return digest == null ? null : HexFormat.of().formatHex(digest);
    }

    /** A new, empty running digest for a wire name. */
    static Digester create(String algorithm) {
        switch (canonical(algorithm)) {
            case CRC32C:
                return new ChecksumDigester(new CRC32C());
            case CRC32:
                return new ChecksumDigester(new CRC32());
            case SHA256:
                try {
                    return new MessageDigester(MessageDigest.getInstance("SHA-256"));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("this JDK has no SHA-256", e);
                }
            default:
                throw new IllegalArgumentException("unknown digest algorithm '" + algorithm + "'");
        }
    }

    /** Feeds every byte to both digesters: one read of a resumed prefix yields the file's digest and the proof. */
    static Digester tee(Digester first, Digester second) {
        return new Digester() {
            @Override
            public void update(byte[] b, int off, int len) {
                first.update(b, off, len);
                second.update(b, off, len);
            }

            @Override
            public void update(java.nio.ByteBuffer b) {
                second.update(b.duplicate());
                first.update(b);
            }

            @Override
            public byte[] finish() {
                throw new UnsupportedOperationException("finish each digester of a tee on its own");
            }
        };
    }

    /** A running digest: feed bytes, then take the value. */
    interface Digester {
        void update(byte[] b, int off, int len);

        void update(java.nio.ByteBuffer b);

        /** The digest of everything fed so far (the digester may not be used afterwards). */
        byte[] finish();
    }

    private static final class ChecksumDigester implements Digester {
        private final Checksum sum;

        ChecksumDigester(Checksum sum) {
            this.sum = sum;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            sum.update(b, off, len);
        }

        @Override
        public void update(java.nio.ByteBuffer b) {
            sum.update(b);
        }

        @Override
        public byte[] finish() {
            return BigEndian.bytes((int) sum.getValue());
        }
    }

    private static final class MessageDigester implements Digester {
        private final MessageDigest md;

        MessageDigester(MessageDigest md) {
            this.md = md;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        public void update(java.nio.ByteBuffer b) {
            md.update(b);
        }

        @Override
        public byte[] finish() {
            return md.digest();
        }
    }
}
