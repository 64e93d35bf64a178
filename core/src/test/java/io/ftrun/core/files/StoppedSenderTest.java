package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.core.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sender stopped mid-file (Ctrl-C, SIGTERM or an embedder's stop interrupt its thread) ends there: it does not
 * report the session as broken by the peer and connect again, as it once did ("the session broke ... (null);
 * connecting again in 500 ms").
 */
@Timeout(60)
class StoppedSenderTest {
    @TempDir
    Path tmp;

    @Test
    void aSenderInterruptedMidFileStopsWithoutReconnecting() throws Exception {
        Path file = Files.write(tmp.resolve("big.bin"), Fixture.randomBytes(4 << 20, 11));
        List<Event> warnings = new CopyOnWriteArrayList<>();
        AtomicInteger reconnects = new AtomicInteger();
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(tmp.resolve("in")).protocol(FileProtocol.FRAMED).build())) {
            ClientConfig slow = ClientConfig.builder().host("127.0.0.1").port(f.port()).rateLimit(256 * 1024)
                    .listener(e -> { if (e.type().equals("warning")) warnings.add(e); }).build();
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread sender = new Thread(() -> {
                try (Connection c = Client.connect(slow)) {
                    FileSender.send(c, () -> {
                        reconnects.incrementAndGet();
                        return Client.connect(slow);
                    }, List.of(file), SendOptions.builder().reconnects(3).reconnectBackoff(Duration.ofMillis(10)).build());
                    ended.complete(null);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            sender.start();
            f.await("transfer-started", 1, Duration.ofSeconds(20)); // the session is under way, the file half sent at most
            sender.interrupt();
            Throwable t = ended.get();
            assertTrue(t instanceof SessionBrokenException, String.valueOf(t));
            assertTrue(t.getMessage().contains("stopped ("), t.getMessage());
            assertTrue(!t.getMessage().contains("null"), t.getMessage());
            assertEquals(0, reconnects.get(), "connections made again after the stop");
            assertEquals(List.of(), warnings, "no 'connecting again' warning");
        }
    }
}
