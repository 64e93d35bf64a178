package io.ftrun.bench;

import io.ftrun.core.codec.ByteSink;
import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.codec.InputBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Decoding and encoding messages: lines and length-prefixed, {@value #MESSAGES} messages of {@code size} bytes
 * read through an {@link InputBuffer} with the default 64 KiB chunk, as TCP would deliver them (in 64 KiB reads
 * that cut messages anywhere). Scores are per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@org.openjdk.jmh.annotations.OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBench {
    static final int MESSAGES = 4096;

    @Param({"64", "1024"})
    int size;

    private byte[] lineStream;
    private byte[] prefixedStream;
    private byte[] message;
    private final Codec lines = Codecs.lines();
    private final Codec prefixed = Codecs.lengthPrefixed(Codecs.DEFAULT_MAX_MESSAGE);
    private final ByteSink sink = buffers -> {
        for (ByteBuffer b : buffers) b.position(b.limit());
    };

    @Setup
    public void setup() throws IOException {
        message = "x".repeat(size).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        ByteSink toLines = bufs -> copy(bufs, l);
        ByteSink toPrefixed = bufs -> copy(bufs, p);
        for (int i = 0; i < MESSAGES; i++) {
            lines.write(toLines, message, 0, message.length);
            prefixed.write(toPrefixed, message, 0, message.length);
        }
        lineStream = l.toByteArray();
        prefixedStream = p.toByteArray();
    }

    private static void copy(ByteBuffer[] buffers, ByteArrayOutputStream out) {
        for (ByteBuffer b : buffers) {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            out.writeBytes(a);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void decodeLines(Blackhole bh) throws IOException {
        InputBuffer in = new InputBuffer(new Chunked(lineStream, 64 * 1024), 64 * 1024);
        byte[] m;
        while ((m = lines.read(in)) != null) bh.consume(m);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void decodeLengthPrefixed(Blackhole bh) throws IOException {
        InputBuffer in = new InputBuffer(new Chunked(prefixedStream, 64 * 1024), 64 * 1024);
        byte[] m;
        while ((m = prefixed.read(in)) != null) bh.consume(m);
    }

    @Benchmark
    public void encodeLine() throws IOException {
        lines.write(sink, message, 0, message.length);
    }

    @Benchmark
    public void encodeLengthPrefixed() throws IOException {
        prefixed.write(sink, message, 0, message.length);
    }
}
