package io.ftrun.core.files;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Naming, once per file: checking a sender's name ({@link SafeNames}) and proposing names with the built-in
 * policies. The counter and template policies scan the (empty) directory once, at their first name, as a receiver
 * does after a start. Score: time per name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NamingBench {
    private static final byte[] WIRE_NAME = "photos/2025/holiday/IMG_0042.jpeg".getBytes(StandardCharsets.UTF_8);
    private Path dir;
    private NameRequest framed;
    private NameRequest raw;
    private final NamingPolicy counter = NamingPolicies.counter("file_%d.pdf");
    private final NamingPolicy original = NamingPolicies.original(OnCollision.RENAME);
    private final NamingPolicy template = NamingPolicies.template("{date}/{remote}_{counter}{ext}");

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("ftrun-naming-bench");
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        framed = new NameRequest(dir, peer, "photos/2025/holiday/IMG_0042.jpeg", 1 << 20, 1, Instant.now(), FileProtocol.FRAMED);
        raw = new NameRequest(dir, peer, null, -1, 1, Instant.now(), FileProtocol.RAW);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public String decodeAndClean() throws FileTransferException {
        return SafeNames.clean(SafeNames.decode(WIRE_NAME));
    }

    @Benchmark
    public String counterName() throws FileTransferException {
        return SafeNames.clean(counter.propose(raw, 0));
    }

    @Benchmark
    public String originalName() throws FileTransferException {
        return SafeNames.clean(original.propose(framed, 0));
    }

    @Benchmark
    public String templateName() throws FileTransferException {
        return SafeNames.clean(template.propose(framed, 0));
    }
}
