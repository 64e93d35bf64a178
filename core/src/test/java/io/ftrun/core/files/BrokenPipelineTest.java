package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.core.support.CuttingProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A pipelined session that breaks with many files in flight (announced, accepted, some half sent): nothing appears
 * half-written under a final name, only confirmed files are stored, and sending again completes the rest: the files
 * stored before are skipped, and the file that was cut resumes after its verified prefix (issue 14).
 */
@Timeout(60)
class BrokenPipelineTest {
    static final int FILES = 40;
    static final int SIZE = 200_000;

    @TempDir
    Path tmp;

    @Test
    void aBreakWithFilesInFlightStoresOnlyConfirmedFilesAndTheRerunCompletesTheRest() throws Exception {
        Path src = tmp.resolve("batch");
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            byte[] d = Fixture.randomBytes(SIZE, 100 + i);
            contents.add(d);
            Files.createDirectories(src);
            Files.write(src.resolve(String.format("f%02d.bin", i)), d);
        }
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build())) {
            long cutAfter = FILES / 2L * SIZE + SIZE / 3; // in the middle of file 20, with more announced behind it
            try (CuttingProxy proxy = new CuttingProxy(f.port(), cutAfter);
                 Connection c = Client.connect(ClientConfig.builder().host("127.0.0.1").port(proxy.port()).build())) {
                assertThrows(IOException.class, () -> FileSender.send(c, src, SendOptions.defaults()));
            }
            f.awaitIdle(Duration.ofSeconds(10));
            List<String> stored = Fixture.finalFiles(in);
            assertTrue(stored.size() < FILES, "the cut came before the end: " + stored);
            for (String name : stored) {
                int i = Integer.parseInt(name.substring("batch/f".length(), "batch/f".length() + 2));
                assertArrayEquals(contents.get(i), Files.readAllBytes(in.resolve(name)), name + " is whole");
            }
            int partials = (int) Fixture.temporaries(in).stream().filter(n -> n.endsWith(".part")).count();
            assertTrue(partials <= 1, "at most the file that was cut is kept for resume, not the announced ones: " + Fixture.temporaries(in));

            SendReport again = f.send(src, SendOptions.defaults());
            assertTrue(again.allConfirmed(), again.toString());
            assertEquals(FILES, again.files().size());
            assertEquals(stored.size(), again.skipped(), "what was confirmed before is skipped, not stored twice: " + again);
            long resumed = again.files().stream().filter(x -> x.resumedFrom() > 0).count();
            assertEquals(partials, resumed, "the cut file continues after its verified prefix: " + again);
            f.awaitIdle(Duration.ofSeconds(10));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < FILES; i++) expected.add(String.format("batch/f%02d.bin", i));
        assertEquals(expected.size(), Fixture.finalFiles(in).stream().filter(n -> n.startsWith("batch/f")).count(), Fixture.finalFiles(in).toString());
        for (int i = 0; i < FILES; i++) assertArrayEquals(contents.get(i), Files.readAllBytes(in.resolve(expected.get(i))));
        assertEquals(List.of(), Fixture.temporaries(in).stream().filter(n -> !n.startsWith(".ftrun-lock")).toList());
    }

    @Test
    void aSenderWhoseSessionBreaksConnectsAgainAndCarriesOn() throws Exception {
        Path src = tmp.resolve("batch");
        Files.createDirectories(src);
        for (int i = 0; i < FILES; i++) Files.write(src.resolve(String.format("f%02d.bin", i)), Fixture.randomBytes(SIZE, 300 + i));
        Path in = tmp.resolve("in");
        List<io.ftrun.core.event.Event> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        // The sender does not send again what it saw confirmed; a file whose DONE was on its way when the session broke
        // is stored already, and skipped (the naming keeps the sender's path).
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
             CuttingProxy proxy = new CuttingProxy(f.port(), FILES / 3L * SIZE + SIZE / 2, true)) { // mid-file 14
            ClientConfig direct = ClientConfig.builder().host("127.0.0.1").port(f.port()).build();
            SendReport r;
            List<Connection> opened = new ArrayList<>();
            try (Connection c = Client.connect(ClientConfig.builder().host("127.0.0.1").port(proxy.port())
                    .listener(e -> { if (e.type().equals("warning")) warnings.add(e); }).build())) {
                r = FileSender.send(c, () -> {
                    Connection next = Client.connect(direct);
                    opened.add(next);
                    return next;
                }, List.of(src), SendOptions.builder().reconnectBackoff(Duration.ofMillis(10)).build());
            } finally {
                for (Connection o : opened) o.close(); // the connection the send finished on is ours to close
            }
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(FILES, r.files().size());
            assertEquals(1, warnings.size(), "one reconnect, said: " + warnings);
            assertTrue(warnings.get(0).fields().get("message").toString().contains("file(s) were confirmed"), warnings.toString());
            assertEquals(1, r.files().stream().filter(x -> x.resumedFrom() > 0).count(), "the cut file resumed: " + r);
            f.awaitIdle(Duration.ofSeconds(10));
        }
        List<String> stored = Fixture.finalFiles(in);
        assertEquals(FILES, stored.size(), "every file stored once, none twice: " + stored);
    }

    @Test
    void whenTheReceiverStaysAwayTheFailureSaysWhatWasConfirmed() throws Exception {
        Path src = tmp.resolve("batch");
        Files.createDirectories(src);
        for (int i = 0; i < FILES; i++) Files.write(src.resolve(String.format("f%02d.bin", i)), Fixture.randomBytes(SIZE, 500 + i));
        Path in = tmp.resolve("in");
        int gone;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            gone = s.getLocalPort();
        }
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
             CuttingProxy proxy = new CuttingProxy(f.port(), FILES / 2L * SIZE + SIZE / 2, true);
             Connection c = Client.connect(ClientConfig.builder().host("127.0.0.1").port(proxy.port()).build())) {
            SessionBrokenException e = assertThrows(SessionBrokenException.class, () -> FileSender.send(c,
                    () -> Client.connect(ClientConfig.builder().host("127.0.0.1").port(gone).build()), List.of(src),
                    SendOptions.builder().reconnects(2).reconnectBackoff(Duration.ofMillis(5)).build()));
            long confirmed = e.partial().files().stream().filter(SendReport.FileResult::confirmed).count();
            // the receiver got 20 files whole (the 21st cut), answered each, and those answers reached the sender
            assertEquals(FILES / 2, confirmed, e.partial().toString());
            assertTrue(e.getMessage().startsWith(confirmed + " of " + FILES + " file(s) confirmed; the session broke 3 time(s)"), e.getMessage());
            assertEquals(FILES - confirmed, e.partial().failed().size());
        }
    }
}
