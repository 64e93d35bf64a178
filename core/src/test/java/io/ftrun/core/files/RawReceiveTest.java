package io.ftrun.core.files;

import io.ftrun.core.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Raw receiving against the tutorial's real clients: python3 sockets and nc. */
class RawReceiveTest {
    @TempDir
    Path tmp;

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static String tutorialClient() throws URISyntaxException {
        return Path.of(RawReceiveTest.class.getResource("tutorial_client.py").toURI()).toString();
    }

    private FileReceiverConfig.Builder raw(Path dir) {
        return FileReceiverConfig.builder().directory(dir).naming(NamingPolicies.counter("file_%d.pdf"));
    }

    @Test
    void twentyConcurrentPythonClientsGiveTwentyDistinctIntactFiles() throws Exception {
        Path in = tmp.resolve("in");
        Map<String, Integer> sent = new HashMap<>(); // content digest -> how many clients sent it
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] data = Fixture.randomBytes(20_000 + i * 23_456, 100 + i);
            Path p = tmp.resolve("src" + i + ".pdf");
            Files.write(p, data);
            sources.add(p);
            sent.merge(sha(data), 1, Integer::sum);
        }
        try (Fixture f = Fixture.start(raw(in).build())) {
            List<Proc> clients = new ArrayList<>();
            for (Path p : sources) clients.add(Proc.start("python3", tutorialClient(), String.valueOf(f.port()), p.toString()));
            for (Proc c : clients) assertEquals(0, c.waitFor(Duration.ofSeconds(60)), c.output());
            assertEquals(20, f.await("file-received", 20, Duration.ofSeconds(20)).size(), f.events.toString());
            f.awaitIdle(Duration.ofSeconds(5));
        }
        List<String> names = Fixture.finalFiles(in);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 20; i++) expected.add("file_" + i + ".pdf");
        assertEquals(expected.stream().sorted().toList(), names);
        Map<String, Integer> got = new HashMap<>();
        for (String n : names) got.merge(sha(Files.readAllBytes(in.resolve(n))), 1, Integer::sum);
        assertEquals(sent, got, "every file arrived intact, none twice");
        assertEquals(List.of(), Fixture.temporaries(in));
    }

    @Test
    void netcatUploadArrivesIntact() throws Exception {
        Path in = tmp.resolve("in");
        byte[] data = Fixture.randomBytes(700_000, 5);
        Path src = tmp.resolve("doc.pdf");
        Files.write(src, data);
        try (Fixture f = Fixture.start(raw(in).build())) {
            Proc nc = Proc.start(src.toFile(), "nc", "-N", "127.0.0.1", String.valueOf(f.port()));
            assertEquals(0, nc.waitFor(Duration.ofSeconds(30)), nc.output());
            Event e = f.await("file-received", 1, Duration.ofSeconds(10)).get(0);
            assertEquals("file_1.pdf", e.fields().get("name"));
            assertEquals((long) data.length, e.fields().get("bytes"));
        }
        assertArrayEquals(data, Files.readAllBytes(in.resolve("file_1.pdf")));
    }

    @Test
    void restartedReceiverContinuesTheCounterAndOverwritesNothing() throws Exception {
        Path in = tmp.resolve("in");
        List<byte[]> first = new ArrayList<>();
        try (Fixture f = Fixture.start(raw(in).build())) {
            for (int i = 0; i < 3; i++) {
                byte[] d = Fixture.randomBytes(10_000 + i, i);
                first.add(d);
                sendRaw(f.port(), d);
                f.await("file-received", i + 1, Duration.ofSeconds(10));
            }
        }
        byte[] foreign = "written by someone else".getBytes();
        Files.write(in.resolve("file_7.pdf"), foreign);
        byte[] later = Fixture.randomBytes(5000, 99);
        try (Fixture f = Fixture.start(raw(in).build())) {
            sendRaw(f.port(), later);
            sendRaw(f.port(), later);
            f.await("file-received", 2, Duration.ofSeconds(10));
            f.awaitIdle(Duration.ofSeconds(5));
        }
        assertEquals(List.of("file_1.pdf", "file_2.pdf", "file_3.pdf", "file_7.pdf", "file_8.pdf", "file_9.pdf"), Fixture.finalFiles(in));
        for (int i = 0; i < 3; i++) assertArrayEquals(first.get(i), Files.readAllBytes(in.resolve("file_" + (i + 1) + ".pdf")));
        assertArrayEquals(foreign, Files.readAllBytes(in.resolve("file_7.pdf")));
        assertArrayEquals(later, Files.readAllBytes(in.resolve("file_9.pdf")));
    }

    @Test
    void aNameTakenByAnotherProcessMeanwhileIsSkippedNotOverwritten() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(raw(in).build())) {
            sendRaw(f.port(), "one".getBytes());
            f.await("file-received", 1, Duration.ofSeconds(10));
            Files.writeString(in.resolve("file_2.pdf"), "theirs"); // after the receiver's scan
            sendRaw(f.port(), "two".getBytes());
            Event e = f.await("file-received", 2, Duration.ofSeconds(10)).get(1);
            assertEquals("file_3.pdf", e.fields().get("name"));
        }
        assertEquals("theirs", Files.readString(in.resolve("file_2.pdf")));
        assertEquals("two", Files.readString(in.resolve("file_3.pdf")));
    }

    @Test
    void aResetConnectionLeavesNoFile() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(raw(in).build())) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", f.port()));
                OutputStream out = s.getOutputStream();
                out.write(Fixture.randomBytes(200_000, 3));
                out.flush();
                Thread.sleep(100);
                s.setSoLinger(true, 0); // close with RST: the sender was killed, not finished
            }
            Event failed = f.await("transfer-failed", 1, Duration.ofSeconds(10)).get(0);
            assertEquals("connection-lost", failed.fields().get("code"));
            f.awaitIdle(Duration.ofSeconds(5));
        }
        assertEquals(List.of(), Fixture.listFiles(in), "no final file and no temporary");
    }

    @Test
    void anIdleTimeoutLeavesNoFile() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(raw(in).build(), Duration.ofMillis(300))) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", f.port()));
                s.getOutputStream().write(new byte[5000]);
                Event failed = f.await("transfer-failed", 1, Duration.ofSeconds(10)).get(0);
                assertEquals("connection-lost", failed.fields().get("code"));
                f.awaitIdle(Duration.ofSeconds(5));
                assertEquals("idle-timeout", f.of("connection-closed").get(0).fields().get("reason"));
            }
        }
        assertEquals(List.of(), Fixture.listFiles(in));
    }

    @Test
    void aFileOverTheLimitLeavesNoFile() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(raw(in).maxFileSize(100_000).build())) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", f.port()));
                try {
                    s.getOutputStream().write(new byte[300_000]);
                } catch (java.io.IOException cutOff) {
                    // the receiver may close while we are still writing
                }
                Event failed = f.await("transfer-failed", 1, Duration.ofSeconds(10)).get(0);
                assertEquals("too-large", failed.fields().get("code"));
            }
            f.awaitIdle(Duration.ofSeconds(5));
            assertEquals("limit-exceeded", f.of("connection-closed").get(0).fields().get("reason"));
            sendRaw(f.port(), new byte[100_000]); // exactly the limit is fine, and the server still serves
            f.await("file-received", 1, Duration.ofSeconds(10));
        }
        assertEquals(List.of("file_1.pdf"), Fixture.listFiles(in));
    }

    @Test
    void anEmptyConnectionIsNotAFileUnlessAskedFor() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(raw(in).build())) {
            sendRaw(f.port(), new byte[0]);
            f.awaitIdle(Duration.ofSeconds(5));
            Thread.sleep(100);
            f.awaitIdle(Duration.ofSeconds(5));
        }
        assertEquals(List.of(), Fixture.listFiles(in));
        try (Fixture f = Fixture.start(raw(in).keepEmptyRaw(true).build())) {
            sendRaw(f.port(), new byte[0]);
            f.await("file-received", 1, Duration.ofSeconds(10));
        }
        assertEquals(0, Files.size(in.resolve("file_1.pdf")));
    }

    @Test
    void autoDetectionServesRawAndFramedSendersOnOnePort() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("framed.txt");
        Files.writeString(src, "framed content");
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.AUTO).build())) {
            sendRaw(f.port(), "raw content".getBytes());
            sendRaw(f.port(), "tiny".getBytes()); // shorter than the probe
            assertTrue(f.send(src, SendOptions.defaults()).allConfirmed());
            f.await("file-received", 3, Duration.ofSeconds(10));
            f.awaitIdle(Duration.ofSeconds(5));
        }
        assertEquals(List.of("file_1", "file_2", "framed.txt"), Fixture.finalFiles(in));
        assertEquals("framed content", Files.readString(in.resolve("framed.txt")));
        assertEquals(java.util.Set.of("raw content", "tiny"),
                java.util.Set.of(Files.readString(in.resolve("file_1")), Files.readString(in.resolve("file_2"))));
    }

    @Test
    void sendRawIsWhatNetcatDoes() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("a.bin");
        byte[] data = Fixture.randomBytes(300_000, 8);
        Files.write(src, data);
        try (Fixture f = Fixture.start(raw(in).build())) {
            try (var c = f.connect()) {
                assertEquals(data.length, FileSender.sendRaw(c, src));
                assertNull(c.input().readChunk(), "the receiver closes after the file");
            }
            f.await("file-received", 1, Duration.ofSeconds(10));
        }
        assertArrayEquals(data, Files.readAllBytes(in.resolve("file_1.pdf")));
    }

    /** Sends bytes and closes cleanly, then waits for the receiver to close too (so its work is done). */
    static void sendRaw(int port, byte[] data) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port));
            s.setSoTimeout(10_000);
            s.getOutputStream().write(data);
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read());
        }
    }
}
