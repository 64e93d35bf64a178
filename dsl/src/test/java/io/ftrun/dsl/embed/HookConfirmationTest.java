package io.ftrun.dsl.embed;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.core.files.FileEvents;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.SendOptions;
import io.ftrun.core.files.SendReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server's {@code onFile} that takes its time must not hold the sender's confirmation: each hook here waits until
 * the sender has heard DONE for its file, which it could never do if the DONE waited for the hook to return.
 */
@Timeout(120)
class HookConfirmationTest {
    @TempDir
    Path dir;

    @Test
    void theSenderHasEachConfirmationWhileTheServersHookForThatFileIsStillRunning() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        for (String n : List.of("a.txt", "b.txt", "c.txt")) Files.writeString(tree.resolve(n), "content of " + n);
        Path flags = Files.createDirectories(dir.resolve("flags"));
        try (Running receiver = Ftrun.text("receiver.groovy", """
                import java.nio.file.*
                server('inbox') {
                    host '127.0.0.1'; port 0
                    receiveFiles {
                        into params.dir; protocol 'framed'
                        onFile { f ->
                            Path flags = Paths.get(params.flags)
                            String base = f.path.fileName.toString()
                            long deadline = System.nanoTime() + 20_000_000_000L
                            while (!Files.exists(flags.resolve(base)) && System.nanoTime() < deadline) Thread.sleep(5)
                            Files.writeString(flags.resolve('hook-' + base), Files.exists(flags.resolve(base)) ? 'confirmed first' : 'never confirmed')
                        }
                    }
                }
                """).param("dir", dir.resolve("inbox")).param("flags", flags).start()) {
            ClientConfig cfg = ClientConfig.builder().host("127.0.0.1").port(receiver.port())
                    .listener(e -> {
                        if (e instanceof FileEvents.FileSent s && s.result().confirmed()) {
                            try {
                                Files.writeString(flags.resolve(Path.of(s.result().name()).getFileName().toString()), "");
                            } catch (java.io.IOException ex) {
                                throw new java.io.UncheckedIOException(ex);
                            }
                        }
                    }).build();
            SendReport report;
            try (Connection c = Client.connect(cfg)) {
                report = FileSender.send(c, tree, SendOptions.defaults());
            }
            assertTrue(report.allConfirmed(), report::toString);
            for (String n : List.of("a.txt", "b.txt", "c.txt")) {
                assertEquals("confirmed first", Files.readString(flags.resolve("hook-" + n)), n);
            }
        }
    }
}
