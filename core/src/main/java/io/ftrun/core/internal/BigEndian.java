package io.ftrun.core.internal;

/** Unsigned 32-bit big-endian numbers in byte arrays, as the framed protocol and the length-prefixed codec carry them. */
public final class BigEndian {
    private BigEndian() {
    }

    /** The unsigned 32-bit number at {@code b[off..off+3]}. */
    public static long u32(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFFL) << 16) | ((b[off + 2] & 0xFFL) << 8) | (b[off + 3] & 0xFFL);
    }

    /** {@code v}'s 32 bits, most significant byte first. */
    public static byte[] bytes(int v) {
        return new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
