package io.ftrun.core.files;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ftrun.core.Handler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing of the framed protocol's receiving side: whatever bytes a peer sends, the receiver either
 * serves the session or refuses it with an {@link IOException} (its own {@link FileTransferException} included) —
 * never another exception, never a file outside its directory — and the message decoders fail only with
 * {@link FileTransferException}.
 *
 * <p>In {@code mvn verify} (regression mode) each test runs its committed seed inputs from
 * {@code src/test/resources/io/ftrun/core/files/FramedProtocolFuzzTestInputs/}. {@code JAZZER_FUZZ=1} fuzzes for
 * {@code maxDuration} instead; docs/RELIABILITY.md has the commands and what longer runs found.
 */
class FramedProtocolFuzzTest {
    private static Path root;
    private static Path inbox;
    private static Handler receiver;

    @BeforeAll
    static void receiver() throws IOException {
        root = Files.createTempDirectory("ftrun-fuzz");
        inbox = Files.createDirectories(root.resolve("inbox"));
        receiver = FileReceiver.handler(FileReceiverConfig.builder().directory(inbox).protocol(FileProtocol.FRAMED)
                .maxFileSize(1 << 20).build());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void receiverSession(byte[] fromPeer) throws Exception {
        MemoryConnection conn = new MemoryConnection(fromPeer);
        try {
            receiver.handle(conn);
        } catch (IOException refused) {
            // a refusal (FileTransferException), a truncated session (EOFException): the expected ways to fail
        }
        assertNothingOutside();
    }

    @FuzzTest(maxDuration = "5s")
    void messageDecoders(byte[] payload) {
        for (int type = 0; type < 8; type++) {
            ByteBuffer b = ByteBuffer.wrap(payload);
            try {
                switch (type) {
                    case 0 -> Messages.Hello.decode(b);
                    case 1 -> Messages.Welcome.decode(b);
                    case 2 -> Messages.FileHeader.decode(b);
                    case 3 -> Messages.Ready.decode(b);
                    case 4 -> Messages.Done.decode(b);
                    case 5 -> Messages.Error.decode(b);
                    case 6 -> Messages.Start.decode(b);
                    default -> Messages.decodeEnd(b);
                }
            } catch (FileTransferException malformed) {
                // the one way a decoder may fail
            }
        }
    }

    /** Every file the receiver made is inside its directory; there is nothing next to it. */
    private static void assertNothingOutside() {
        try (Stream<Path> s = Files.list(root)) {
            long others = s.filter(p -> !p.equals(inbox)).count();
            if (others != 0) throw new AssertionError("the receiver wrote outside its directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
