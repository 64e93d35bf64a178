package io.ftrun.core.reliability;

import io.ftrun.core.BatchResult;
import io.ftrun.core.Clients;
import io.ftrun.core.CloseReason;
import io.ftrun.core.Server;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 300 peers hold connections open doing (almost) nothing — 150 silent, 150 trickling a byte now and then — while 50
 * real clients upload. Thread per connection, so the idle peers cost threads, not service: the real uploads finish
 * promptly, and the idle timeout closes every idle peer once it stops sending. Nothing is stored for them.
 */
class SlowlorisTest {
    static final int SILENT = 150;
    static final int TRICKLING = 150;
    static final int REAL = 50;
    static final Duration IDLE = Duration.ofSeconds(2);

    @Test
    void idlePeersDoNotStarveRealClientsAndAreClosedByTheIdleTimeout(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path inbox = tmp.resolve("inbox");
        List<Path> files = Uploads.make(tmp.resolve("real"), "real", REAL, 32 << 10, 128 << 10, 4);
        Recorder events = new Recorder();
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(inbox).protocol(FileProtocol.AUTO).build();
        List<Socket> idle = Collections.synchronizedList(new ArrayList<>());
        try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).idleTimeout(IDLE).listener(events).build())) {
            for (int i = 0; i < SILENT; i++) idle.add(Local.socket(server));
            List<Socket> tricklers = new ArrayList<>();
            for (int i = 0; i < TRICKLING; i++) tricklers.add(Local.socket(server));
            idle.addAll(tricklers);
            Thread trickle = new Thread(() -> trickle(tricklers), "trickle");
            trickle.start();

            List<Long> millis = Collections.synchronizedList(new ArrayList<>());
            BatchResult<String> real = Clients.run(REAL, Duration.ofSeconds(60), i -> {
                long start = System.nanoTime();
                String r = KilledSendersTest.sendGood(server, files.get(i));
                millis.add((System.nanoTime() - start) / 1_000_000);
                return r;
            });
            assertTrue(real.allSucceeded(), real.toString());
            long slowest = Collections.max(millis);
            assertTrue(slowest < 10_000, "a real upload waited " + slowest + " ms among the idle peers");
            for (Path f : files) assertTrue(Uploads.sameContent(f, inbox.resolve(f.getFileName().toString())));

            trickle.join();
            // every idle peer is closed by the server: its read sees the end (or a reset), within the idle timeout
            long closedBy = System.nanoTime() + IDLE.toNanos() * 4;
            for (Socket s : idle) {
                s.setSoTimeout((int) Math.max(1, (closedBy - System.nanoTime()) / 1_000_000));
                assertTrue(closedByServer(s), "an idle peer is still connected");
            }
            KilledSendersTest.awaitIdle(server);
            int timedOut = events.of(Events.ConnectionClosed.class, e -> e.reason() == CloseReason.IDLE_TIMEOUT).size();
            assertEquals(SILENT + TRICKLING, timedOut, "closed by the idle timeout");
            assertEquals(files.stream().map(f -> f.getFileName().toString()).sorted().toList(), Uploads.finalNames(inbox));
            assertEquals(List.of(), Uploads.temporaries(inbox));
            Results.record("slowloris: " + SILENT + " silent + " + TRICKLING + " trickling peers while " + REAL + " real uploads run",
                    (SILENT + TRICKLING + REAL) + " connections",
                    REAL + " uploads intact, slowest " + slowest + " ms; " + timedOut + " idle peers closed by the " + IDLE.toSeconds() + " s idle timeout",
                    "nothing", t0);
        } finally {
            for (Socket s : idle) s.close();
        }
    }

    /** One byte of a framed HELLO per peer every 500 ms (under the idle timeout), five times, then silence. */
    private static void trickle(List<Socket> peers) {
        byte[] hello = {0x01, 0x00, 0x00, 0x00, 0x08};
        for (int round = 0; round < hello.length; round++) {
            for (Socket s : peers) {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(hello[round]);
                    out.flush();
                } catch (IOException e) {
                    // closed already: the assertions will say so
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
