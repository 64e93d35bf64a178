package io.ftrun.core.files;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The framed protocol's digests over one 64 KiB chunk (the receive buffer's size), from a heap array and from a
 * direct buffer (the sender's). Score: time per chunk; 64 KiB / score = throughput.
 * (In this package because {@link Digests#create} is the engine's own, package-private, entry point.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DigestBench {
    @Param({Digests.CRC32C, Digests.CRC32, Digests.SHA256})
    String algorithm;

    private final byte[] heap = new byte[64 * 1024];
    private final ByteBuffer direct = ByteBuffer.allocateDirect(64 * 1024);
    private Digests.Digester digester;

    @Setup
    public void setup() {
        ThreadLocalRandom.current().nextBytes(heap);
        direct.put(heap).flip();
        digester = Digests.create(algorithm);
    }

    @Benchmark
    public Digests.Digester heapChunk() {
        digester.update(heap, 0, heap.length);
        return digester;
    }

    @Benchmark
    public Digests.Digester directChunk() {
        direct.rewind();
        digester.update(direct);
        return digester;
    }
}
