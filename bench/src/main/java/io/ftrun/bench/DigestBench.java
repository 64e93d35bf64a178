package io.ftrun.bench;

import io.ftrun.core.Handler;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.files.Digests;
import io.ftrun.core.files.FileEvents;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.NamingPolicies;
import io.ftrun.core.files.OnCollision;
import io.ftrun.core.files.SendOptions;
import io.ftrun.core.files.SendReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The framed protocol's digests where they run, through the public API: a {@link FileReceiver} receiving a verified
 * 4 MiB file (each 64 KiB chunk of DATA is digested from the connection's heap buffer on its way into the temporary
 * file) and {@link FileSender#send} sending it (each chunk read into a direct buffer, digested, framed). The
 * session is recorded once and replayed over a {@link MemoryConnection}, so no socket is involved; the files are
 * in /dev/shm where there is one ({@link Scratch}). Only the digest differs between the {@code algorithm}s: the
 * differences between their scores are the digests' cost, the rest is what receiving and sending a chunk costs
 * besides. Score: time per 64 KiB chunk, the session's handshake, header, commit and answers included (1/64 each).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DigestBench {
    static final int CHUNKS = 64;

    @Param({Digests.CRC32C, Digests.CRC32, Digests.SHA256})
    String algorithm;

    private Path work;
    private Path file;
    private SendOptions options;
    private Handler receiver;
    private FramedSession session;
    private long received;
    private final EventListener events = e -> {
        if (e instanceof FileEvents.FileReceived) received++;
    };

    @Setup
    public void setup() throws Exception {
        work = Scratch.create("ftrun-digest-bench");
        file = Files.createDirectories(work.resolve("outbox")).resolve("data.bin");
        byte[] data = new byte[CHUNKS * MemoryConnection.CHUNK];
        ThreadLocalRandom.current().nextBytes(data);
        Files.write(file, data);
        // resume off: with it on, a SHA-256 file would also get a resume tag (a read of the whole file) and resume
        // data at the receiver, which the CRCs never do
        options = SendOptions.builder().digest(algorithm).resume(false).chunkSize(MemoryConnection.CHUNK).build();
        receiver = FileReceiver.handler(FileReceiverConfig.builder()
                .directory(work.resolve("inbox"))
                .protocol(FileProtocol.FRAMED)
                .naming(NamingPolicies.original(OnCollision.OVERWRITE)) // every replay stores the same file again
                .build());
        session = FramedSession.record(receiver, c -> FileSender.send(c, file, options));
        confirmed(session.report());
        confirmed(sendChunk());
        long before = received;
        receiveChunk();
        if (received != before + 1) throw new IllegalStateException("the replayed session stored no file");
    }

    private void confirmed(SendReport r) {
        if (!r.allConfirmed() || !r.files().get(0).algorithm().equals(algorithm)) {
            throw new IllegalStateException("the session did not confirm the file with " + algorithm + ": " + r);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Scratch.delete(work);
    }

    /** A receiver handling the recorded session: DATA chunks digested from the connection's heap buffer. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long receiveChunk() throws Exception {
        MemoryConnection c = new MemoryConnection(session.senderBytes(), null, events);
        receiver.handle(c);
        return c.bytesIn();
    }

    /** A sender sending the file against the recorded answers: chunks digested from a direct buffer. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public SendReport sendChunk() throws IOException {
        return FileSender.send(new MemoryConnection(session.receiverBytes(), null, EventListener.NONE), file, options);
    }
}
