package io.ftrun.bench;

import io.ftrun.core.codec.InputBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The chunked copy at the heart of a file receiver, without the socket and the disk (they are the kernel's cost,
 * measured end to end by run.py): 16 MiB in 64 KiB chunks. What is left is the user-space work per byte: the copy
 * through the connection's buffer, the digest, and, for a heap buffer, the extra copy into a direct buffer that the
 * JDK makes inside every {@code FileChannel.write} of a heap buffer. Score: time per 16 MiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CopyBench {
    static final int CHUNK = 64 * 1024;
    private Chunked source;
    private final byte[] heap = new byte[CHUNK];
    private final ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK);
    private final CRC32C crc = new CRC32C();

    @Setup
    public void setup() {
        byte[] data = new byte[16 << 20];
        ThreadLocalRandom.current().nextBytes(data);
        source = new Chunked(data, CHUNK);
    }

    /** InputBuffer.copyTo: the raw codec's copy loop, into a sink that does nothing. */
    @Benchmark
    public long inputBufferCopyTo() throws IOException {
        source.rewind();
        return new InputBuffer(source, CHUNK).copyTo(OutputStream.nullOutputStream(), Long.MAX_VALUE);
    }

    /** Read into a heap chunk and digest it: the user-space part of the receive loop before the file write. */
    @Benchmark
    public long heapChunkWithCrc32c() {
        source.rewind();
        crc.reset();
        int n;
        while ((n = source.read(heap, 0, CHUNK)) > 0) crc.update(heap, 0, n);
        return crc.getValue();
    }

    /** The same, plus the heap-to-direct copy a FileChannel.write(heap buffer) makes: the cost direct buffers save. */
    @Benchmark
    public long heapChunkWithCrc32cAndDirectCopy() {
        source.rewind();
        crc.reset();
        int n;
        while ((n = source.read(heap, 0, CHUNK)) > 0) {
            crc.update(heap, 0, n);
            direct.clear();
            direct.put(heap, 0, n);
        }
        return crc.getValue();
    }
}
