package io.ftrun.core.reliability;

import io.ftrun.core.BatchResult;
import io.ftrun.core.Client;
import io.ftrun.core.Clients;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.ShutdownReport;
import io.ftrun.core.files.FileEvents;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.SendOptions;
import io.ftrun.core.files.SendReport;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A graceful shutdown while 50 uploads are in flight: those that finish within the grace period are stored whole
 * and confirmed, the others are aborted and leave nothing — no final name, and (resume off) no temporary. The
 * uploads are held to 1 MiB/s each and sized from 128 KiB to 5 MiB, so both outcomes occur.
 */
class ShutdownDuringUploadsTest {
    static final int UPLOADS = 50;

    @Test
    void eachUploadEitherCompletesOrLeavesNothing(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path inbox = tmp.resolve("inbox");
        List<Path> files = Uploads.make(tmp.resolve("src"), "up", UPLOADS, 128 << 10, 5 << 20, 5);
        Recorder events = new Recorder();
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(inbox).protocol(FileProtocol.FRAMED).allowResume(false).build();
        Server server = Server.start(Local.server(FileReceiver.handler(cfg)).shutdownGrace(Duration.ofMillis(1500))
                .rateLimit(1 << 20).listener(events).build());
        Thread stopper = new Thread(() -> {
            try {
                events.await(FileEvents.TransferStarted.class, e -> true, UPLOADS, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                return;
            } catch (AssertionError notAllStarted) {
                // shut down anyway: the assertions below report what happened
            }
            server.shutdown();
        }, "stopper");
        stopper.start();
        BatchResult<Boolean> r = Clients.run(UPLOADS, Duration.ofSeconds(60), i -> upload(server, files.get(i)));
        ShutdownReport report = server.shutdown().get(30, TimeUnit.SECONDS);
        stopper.join();

        int completed = 0;
        for (int i = 0; i < UPLOADS; i++) {
            String name = files.get(i).getFileName().toString();
            boolean confirmed = r.outcomes().get(i).succeeded() && Boolean.TRUE.equals(r.outcomes().get(i).value());
            boolean stored = Files.exists(inbox.resolve(name));
            // a sender may be cut off after its DONE (while saying BYE): stored, yet not confirmed to it
            if (confirmed) assertTrue(stored, name + " confirmed but not stored");
            if (stored) {
                completed++;
                assertTrue(Uploads.sameContent(files.get(i), inbox.resolve(name)), name + " stored but not intact");
            }
        }
        assertEquals(completed, Uploads.finalNames(inbox).size(), "exactly the confirmed uploads are stored");
        assertEquals(List.of(), Uploads.temporaries(inbox), "aborted uploads leave no temporary");
        Results.record("graceful shutdown (1.5 s grace) during " + UPLOADS + " uploads at 1 MiB/s each", UPLOADS + " uploads",
                completed + " completed and confirmed, " + (UPLOADS - completed) + " aborted with nothing left ("
                        + report.aborted().size() + " aborted by the server)", "nothing", t0);
    }

    /** True when the receiver confirmed the file; false (or an exception) when the upload was cut off. */
    static boolean upload(Server server, Path file) throws IOException {
        try (Connection c = Client.connect(Local.client(server).idleTimeout(Duration.ofSeconds(30)).build())) {
            SendReport report = FileSender.send(c, file, SendOptions.builder().resume(false).build());
            return report.allConfirmed();
        }
    }
}
