package io.ftrun.bench;

import io.ftrun.core.Handler;
import io.ftrun.core.event.EventListener;
import io.ftrun.core.files.ErrorCode;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.NameRequest;
import io.ftrun.core.files.NamingPolicies;
import io.ftrun.core.files.NamingPolicy;
import io.ftrun.core.files.OnCollision;
import io.ftrun.core.files.SendOptions;
import io.ftrun.core.files.SendReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Naming, once per file, through the public API. The built-in policies ({@link NamingPolicies}) proposing a name,
 * called as a receiver calls them ({@link NamingPolicy#propose}); the counter and template policies scan the
 * (empty) directory once, at their first name, as a receiver does after a start. And a receiver's check of a
 * sender's name: a {@link FileReceiver} fed a recorded framed session of {@value #FILES} FILE headers named like
 * {@code photos/2025/holiday/IMG_0042.jpeg}, each decoded and checked by the name rules (docs/FILES.md) and then
 * refused by the receiver's {@code authorize} rule, which is handed the checked name before anything touches the
 * disk. (The name rules have no public entry of their own; this is the nearest public operation holding them.)
 * That score is an upper bound of the check: it holds the FILE frame, the name request and the refusal too (an
 * exception, the ERROR answer, the event), which a profile shows to be most of it. The receiver checks a policy's
 * proposal by the same rules, but only on the way to storing a file, so that check is not in the policies' scores;
 * {@code original} proposes the sender's name as it is, so its score is the call itself. Score: time per name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NamingBench {
    static final int FILES = 256;
    private static final String WIRE_NAME = "photos/2025/holiday/IMG_0042.jpeg";
    private Path work;
    private NameRequest framed;
    private NameRequest raw;
    private final NamingPolicy counter = NamingPolicies.counter("file_%d.pdf");
    private final NamingPolicy original = NamingPolicies.original(OnCollision.RENAME);
    private final NamingPolicy template = NamingPolicies.template("{date}/{remote}_{counter}{ext}");
    private Handler checker;
    private FramedSession session;
    private long checked;
    private String lastChecked;

    @Setup
    public void setup() throws Exception {
        work = Scratch.create("ftrun-naming-bench");
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
        framed = new NameRequest(inbox, peer, WIRE_NAME, 1 << 20, 1, Instant.now(), FileProtocol.FRAMED);
        raw = new NameRequest(inbox, peer, null, -1, 1, Instant.now(), FileProtocol.RAW);

        Path photos = work.resolve("outbox/photos");
        Path holiday = Files.createDirectories(photos.resolve("2025/holiday"));
        for (int i = 0; i < FILES; i++) Files.createFile(holiday.resolve(String.format("IMG_%04d.jpeg", i)));
        checker = FileReceiver.handler(FileReceiverConfig.builder()
                .directory(inbox)
                .protocol(FileProtocol.FRAMED)
                .authorize(r -> {
                    checked++;
                    lastChecked = r.originalName(); // the checked name
                    return false;
                })
                .build());
        SendOptions options = SendOptions.builder().resume(false).build();
        session = FramedSession.record(checker, c -> FileSender.send(c, photos, options));
        SendReport r = session.report();
        if (r.files().size() != FILES || !r.files().stream().allMatch(f -> f.error() == ErrorCode.NOT_AUTHORISED)) {
            throw new IllegalStateException("the recorded receiver did not refuse every file by its authorize rule: " + r);
        }
        long before = checked;
        receiverChecksWireName();
        String last = String.format("photos/2025/holiday/IMG_%04d.jpeg", FILES - 1);
        if (checked != before + FILES || !last.equals(lastChecked)) {
            throw new IllegalStateException("the replay checked " + (checked - before) + " names, the last " + lastChecked);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Scratch.delete(work);
    }

    /** A framed receiver decoding and checking each sender's name, up to its authorisation rule. */
    @Benchmark
    @OperationsPerInvocation(FILES)
    public long receiverChecksWireName() throws Exception {
        MemoryConnection c = new MemoryConnection(session.senderBytes(), null, EventListener.NONE);
        checker.handle(c);
        return checked;
    }

    @Benchmark
    public String counterName() {
        return counter.propose(raw, 0);
    }

    @Benchmark
    public String originalName() {
        return original.propose(framed, 0);
    }

    @Benchmark
    public String templateName() {
        return template.propose(framed, 0);
    }
}
