package io.ftrun.core.reliability;

import io.ftrun.core.BatchResult;
import io.ftrun.core.Clients;
import io.ftrun.core.Server;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.NamingPolicies;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tutorial's counter, across restarts: three receiver lifetimes on one directory, each taking 30 concurrent
 * raw uploads. Names continue (file_1 ... file_90), none is reused, no upload overwrites another.
 */
class CounterRestartTest {
    static final int RUNS = 3;
    static final int PER_RUN = 30;

    @Test
    void countersContinueAfterRestartsWithoutOverwriting(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path inbox = tmp.resolve("inbox");
        for (int run = 0; run < RUNS; run++) {
            FileReceiverConfig cfg = FileReceiverConfig.builder().directory(inbox).naming(NamingPolicies.counter("file_%d.pdf")).build();
            try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).build())) {
                int base = run * PER_RUN;
                BatchResult<String> r = Clients.run(PER_RUN, Duration.ofSeconds(30), i -> {
                    try (Socket s = Local.socket(server)) {
                        Local.write(s, "upload " + (base + i) + "\n");
                        s.shutdownOutput();
                        return Local.readAll(s, 10); // the receiver closes once the file is stored
                    }
                });
                assertTrue(r.allSucceeded(), r.toString());
                KilledSendersTest.awaitIdle(server);
            }
        }
        int total = RUNS * PER_RUN;
        List<String> expected = IntStream.rangeClosed(1, total).mapToObj(i -> "file_" + i + ".pdf").sorted().toList();
        assertEquals(expected, Uploads.finalNames(inbox));
        Set<String> contents = new HashSet<>();
        for (String name : expected) contents.add(Files.readString(inbox.resolve(name), StandardCharsets.UTF_8));
        assertEquals(total, contents.size(), "every upload kept, none overwritten");
        Results.record("counter names across " + RUNS + " receiver restarts", total + " raw uploads (" + PER_RUN + " concurrent per run)",
                "file_1.pdf ... file_" + total + ".pdf, each once, no overwrite", "nothing", t0);
    }
}
