package io.ftrun.bench;

import java.io.InputStream;

/** An in-memory stream that hands out at most {@code chunk} bytes per read, as a socket does. */
final class Chunked extends InputStream {
    private final byte[] data;
    private final int chunk;
    private int pos;

    Chunked(byte[] data, int chunk) {
        this.data = data;
        this.chunk = chunk;
    }

    void rewind() {
        pos = 0;
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos == data.length) return -1;
        int n = Math.min(Math.min(len, chunk), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
