package io.ftrun.core.files;

import io.ftrun.core.Connection;
import io.ftrun.core.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

class FramedTransferTest {
    @TempDir
    Path tmp;

    private FileReceiverConfig.Builder framed(Path dir) {
        return FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.FRAMED);
    }

    @Test
    void singleFileRoundTripsAndIsConfirmed() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("report.pdf");
        byte[] data = Fixture.randomBytes(3_000_000, 1);
        Files.write(src, data);
        try (Fixture f = Fixture.start(framed(in).build())) {
            SendReport r = f.send(src, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals("report.pdf", r.files().get(0).storedName());
            assertArrayEquals(data, Files.readAllBytes(in.resolve("report.pdf")));
            assertEquals(List.of(), Fixture.temporaries(in));
            Event received = f.await("file-received", 1, Duration.ofSeconds(5)).get(0);
            assertEquals("report.pdf", received.fields().get("name"));
            assertEquals(r.files().get(0).digest(), received.fields().get("digest"));
            assertEquals(Digests.SHA256, received.fields().get("algorithm"), "the default with resume on: only sha-256 resumes");
        }
    }

    @Test
    void directoryTreeRoundTripsByteForByteWithModesAndTimes() throws Exception {
        Path tree = tmp.resolve("photos");
        List<String> names = List.of("a.jpg", "empty.txt", "2024/summer/beach.jpg", "2024/summer/ünï cödé.txt",
                "2024/.hidden", "deep/1/2/3/4/5/x.bin");
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Path p = tree.resolve(names.get(i));
            Files.createDirectories(p.getParent());
            byte[] d = names.get(i).equals("empty.txt") ? new byte[0] : Fixture.randomBytes(1000 + i * 150_001, i);
            Files.write(p, d);
            contents.add(d);
        }
        Files.setPosixFilePermissions(tree.resolve("a.jpg"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(tree.resolve("a.jpg"), FileTime.fromMillis(1_600_000_000_123L));
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(framed(in).build())) {
            SendReport r = f.send(tree, SendOptions.builder().digest("SHA-256").build());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(names.size(), r.files().size());
            assertTrue(r.files().stream().allMatch(x -> x.algorithm().equals(Digests.SHA256)));
        }
        for (int i = 0; i < names.size(); i++) {
            assertArrayEquals(contents.get(i), Files.readAllBytes(in.resolve("photos").resolve(names.get(i))), names.get(i));
        }
        assertEquals(names.stream().map(n -> "photos/" + n).sorted().toList(), Fixture.listFiles(in));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(in.resolve("photos/a.jpg"))));
        assertEquals(1_600_000_000_123L, Files.getLastModifiedTime(in.resolve("photos/a.jpg")).toMillis());
    }

    /**
     * The wire's mtime is a signed i64: a file from 1969 keeps its time. The JDK cannot set a time before 1970 that
     * is not a whole second (it passes a negative fraction to utimensat, gets EINVAL and quietly sets 1970), so such
     * a time is stored rounded down to its second: within a second of the sender's, never 1970.
     */
    @Test
    void modificationTimesBefore1970ArriveUnchanged() throws Exception {
        Path in = tmp.resolve("in");
        Map<String, long[]> cases = new LinkedHashMap<>(); // file name -> {the sender's time, the time stored}
        cases.put("whole-second.txt", new long[]{-86_400_000L, -86_400_000L}); // 1969-12-31T00:00:00Z
        cases.put("fraction.txt", new long[]{-86_399_877L, -86_400_000L});    // 1969-12-31T00:00:00.123Z
        cases.put("last-ms.txt", new long[]{-1L, -1000L});                     // 1969-12-31T23:59:59.999Z
        try (Fixture f = Fixture.start(framed(in).build())) {
            for (var c : cases.entrySet()) {
                Path src = Files.write(tmp.resolve(c.getKey()), Fixture.randomBytes(1000, 5));
                touch(src, c.getValue()[0]);
                assertTrue(f.send(src, SendOptions.defaults()).allConfirmed());
            }
        }
        for (var c : cases.entrySet()) {
            assertEquals(c.getValue()[1], Files.getLastModifiedTime(in.resolve(c.getKey())).toMillis(), c.getKey());
        }
    }

    /** Sets a file's mtime with touch(1): the JDK itself cannot set a fraction of a second before 1970. */
    private static void touch(Path file, long millis) throws Exception {
        Proc p = Proc.start("touch", "-m", "-d", "@" + java.math.BigDecimal.valueOf(millis, 3).toPlainString(), file.toString());
        assertEquals(0, p.waitFor(Duration.ofSeconds(10)), p.output());
        assertEquals(millis, Files.getLastModifiedTime(file).toMillis(), "touch set the source's time");
    }

    @Test
    void severalFilesOnOneConnectionEachWithItsOwnDigest() throws Exception {
        Path in = tmp.resolve("in");
        List<Path> srcs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path p = tmp.resolve("f" + i + ".dat");
            Files.write(p, Fixture.randomBytes(10_000 * (i + 1), i));
            srcs.add(p);
        }
        try (Fixture f = Fixture.start(framed(in).build()); Connection c = f.connect()) {
            SendReport r = FileSender.send(c, srcs, SendOptions.builder().digest("crc32").build());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(5, r.files().size());
            f.await("file-received", 5, Duration.ofSeconds(5));
            assertEquals(1, f.of("connection-opened").size());
        }
        for (Path p : srcs) assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(in.resolve(p.getFileName().toString())));
    }

    @Test
    void aDigestMismatchIsDetectedAndNothingIsStored() throws Exception {
        Path in = tmp.resolve("in");
        byte[] data = Fixture.randomBytes(50_000, 4);
        try (Fixture f = Fixture.start(framed(in).build()); WireClient c = WireClient.session(f.port())) {
            assertEquals(Protocol.READY, c.file("damaged.bin", data.length, Digests.CRC32C).type());
            byte[] damaged = data.clone();
            damaged[12345] ^= 1; // one bit flipped on the way
            c.data(damaged);
            Messages.Error e = c.end(WireClient.digest(Digests.CRC32C, data)).error();
            assertEquals(ErrorCode.DIGEST_MISMATCH, e.code());
            assertTrue(e.message().contains("damaged"), e.message());
            // the session goes on: the next file is fine
            assertEquals(Protocol.DONE, c.sendFile("good.bin", data).type());
            Event failed = f.await("transfer-failed", 1, Duration.ofSeconds(5)).get(0);
            assertEquals("digest-mismatch", failed.fields().get("code"));
        }
        assertEquals(List.of("good.bin"), Fixture.listFiles(in));
    }

    @Test
    void aShortOrLongFileIsASizeMismatch() throws Exception {
        Path in = tmp.resolve("in");
        byte[] data = Fixture.randomBytes(1000, 4);
        try (Fixture f = Fixture.start(framed(in).build()); WireClient c = WireClient.session(f.port())) {
            c.file("short.bin", 2000, Digests.CRC32C);
            c.data(data);
            assertEquals(ErrorCode.SIZE_MISMATCH, c.end(WireClient.digest(Digests.CRC32C, data)).error().code());
            c.file("long.bin", 500, Digests.CRC32C);
            c.data(data);
            assertEquals(ErrorCode.SIZE_MISMATCH, c.read().error().code(), "answered as soon as it is known");
            c.frame(Protocol.END, Messages.encodeEnd(new byte[4])); // the sender ends the file; no second answer
            assertEquals(Protocol.DONE, c.sendFile("ok.bin", data).type());
        }
        assertEquals(List.of("ok.bin"), Fixture.listFiles(in));
    }

    @Test
    void limitsAndRulesAreAnsweredBeforeAnyData() throws Exception {
        Path in = tmp.resolve("in");
        FileReceiverConfig cfg = framed(in).maxFileSize(1000).digests("crc32c", "sha-256")
                .authorize(r -> !r.originalName().startsWith("secret")).build();
        try (Fixture f = Fixture.start(cfg); WireClient c = WireClient.session(f.port())) {
            assertEquals(ErrorCode.TOO_LARGE, c.file("big.bin", 1001, Digests.CRC32C).error().code());
            assertEquals(ErrorCode.UNSUPPORTED_DIGEST, c.file("a.bin", 10, "crc32").error().code());
            assertEquals(ErrorCode.UNSUPPORTED_DIGEST, c.file("a.bin", 10, "md5").error().code());
            assertEquals(ErrorCode.NOT_AUTHORISED, c.file("secret/a.bin", 10, Digests.CRC32C).error().code());
            assertEquals(Protocol.DONE, c.sendFile("fine.bin", new byte[1000]).type());
            List<Event> rejected = f.await("file-rejected", 4, Duration.ofSeconds(5));
            assertEquals(List.of("too-large", "unsupported-digest", "unsupported-digest", "not-authorised"),
                    rejected.stream().map(e -> e.fields().get("code")).toList());
        }
        assertEquals(List.of("fine.bin"), Fixture.listFiles(in));
    }

    @Test
    void notEnoughFreeSpaceIsRefusedUpFront() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("x.bin");
        Files.write(src, new byte[1000]);
        try (Fixture f = Fixture.start(framed(in).minFreeSpace(Long.MAX_VALUE / 2).build())) {
            SendReport r = f.send(src, SendOptions.defaults());
            assertFalse(r.allConfirmed());
            assertEquals(ErrorCode.NO_SPACE, r.files().get(0).error());
            assertTrue(r.files().get(0).message().contains("free"), r.files().get(0).message());
        }
        assertEquals(List.of(), Fixture.listFiles(in));
    }

    @Test
    void tokenIsCheckedBeforeAnything() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("x.bin");
        Files.write(src, new byte[10]);
        try (Fixture f = Fixture.start(framed(in).token("s3cret").build())) {
            FileTransferException missing = assertThrows(FileTransferException.class, () -> f.send(src, SendOptions.defaults()));
            assertEquals(ErrorCode.NOT_AUTHORISED, missing.code());
            FileTransferException wrong = assertThrows(FileTransferException.class, () -> f.send(src, SendOptions.builder().token("guess").build()));
            assertEquals(ErrorCode.NOT_AUTHORISED, wrong.code());
            assertTrue(f.send(src, SendOptions.builder().token("s3cret").build()).allConfirmed());
        }
        assertEquals(List.of("x.bin"), Fixture.listFiles(in));
    }

    @Test
    void senderRefusesADigestTheReceiverDoesNotAccept() throws Exception {
        Path src = tmp.resolve("x.bin");
        Files.write(src, new byte[10]);
        try (Fixture f = Fixture.start(framed(tmp.resolve("in")).digests("crc32c").build())) {
            FileTransferException e = assertThrows(FileTransferException.class, () -> f.send(src, SendOptions.builder().digest("sha-256").build()));
            assertEquals(ErrorCode.UNSUPPORTED_DIGEST, e.code());
            assertTrue(e.getMessage().contains("crc32c"), e.getMessage());
        }
    }

    @Test
    void defaultOptionsFallBackToCrc32cWhereSha256IsNotAccepted() throws Exception {
        Path src = Files.write(tmp.resolve("x.bin"), new byte[10]);
        try (Fixture f = Fixture.start(framed(tmp.resolve("in")).digests("crc32c").build())) {
            SendReport r = f.send(src, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(Digests.CRC32C, r.files().get(0).algorithm());
        }
        assertEquals(Digests.CRC32C, SendOptions.builder().resume(false).build().digest());
    }

    @Test
    void collisionRulesRenameOverwriteOrReject() throws Exception {
        Path src = tmp.resolve("report.pdf");
        for (OnCollision rule : OnCollision.values()) {
            Path in = tmp.resolve("in-" + rule);
            Files.createDirectories(in);
            Files.writeString(in.resolve("report.pdf"), "old");
            Files.writeString(src, "new " + rule);
            try (Fixture f = Fixture.start(framed(in).naming(NamingPolicies.original(rule)).build())) {
                SendReport r = f.send(src, SendOptions.defaults());
                switch (rule) {
                    case RENAME:
                        assertEquals("report-1.pdf", r.files().get(0).storedName());
                        assertEquals("old", Files.readString(in.resolve("report.pdf")));
                        assertEquals("new RENAME", Files.readString(in.resolve("report-1.pdf")));
                        break;
                    case OVERWRITE:
                        assertTrue(r.allConfirmed());
                        assertEquals("new OVERWRITE", Files.readString(in.resolve("report.pdf")));
                        assertEquals(List.of("report.pdf"), Fixture.listFiles(in));
                        break;
                    case REJECT:
                        assertEquals(ErrorCode.EXISTS, r.files().get(0).error());
                        assertEquals("old", Files.readString(in.resolve("report.pdf")));
                        assertEquals(List.of("report.pdf"), Fixture.listFiles(in));
                        break;
                }
            }
        }
    }

    @Test
    void counterNamingWorksForFramedFilesToo() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("whatever.txt");
        Files.writeString(src, "x");
        try (Fixture f = Fixture.start(framed(in).naming(NamingPolicies.counter("upload_%d.txt")).build())) {
            assertEquals("upload_1.txt", f.send(src, SendOptions.defaults()).files().get(0).storedName());
            assertEquals("upload_2.txt", f.send(src, SendOptions.defaults()).files().get(0).storedName());
        }
    }

    @Test
    void progressIsReportedWithRateAndEta() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("big.bin");
        Files.write(src, Fixture.randomBytes(8_000_000, 9));
        List<FileEvents.TransferProgress> seen = new CopyOnWriteArrayList<>();
        try (Fixture f = Fixture.start(framed(in).progressInterval(Duration.ofMillis(1)).build())) {
            SendReport r = f.send(src, SendOptions.builder().progress(seen::add).progressInterval(Duration.ofMillis(1)).chunkSize(64 * 1024).build());
            assertTrue(r.allConfirmed());
            assertFalse(f.of("transfer-progress").isEmpty(), "the receiver reports progress too");
        }
        assertFalse(seen.isEmpty());
        FileEvents.TransferProgress last = seen.get(seen.size() - 1);
        assertEquals(8_000_000, last.bytes());
        assertEquals(8_000_000, last.total());
        assertEquals(Duration.ZERO, last.eta());
        assertEquals(100.0, last.percent());
        assertTrue(last.bytesPerSecond() > 0);
        for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i).bytes() >= seen.get(i - 1).bytes());
        assertTrue(last.fields().keySet().containsAll(List.of("bytes", "total", "rate", "etaMillis", "percent")), last.fields().toString());
    }

    @Test
    void garbageIsAProtocolErrorAndTheServerKeepsServing() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(framed(in).build())) {
            try (WireClient c = new WireClient(f.port())) {
                c.out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                c.out.flush();
                try {
                    WireClient.Frame answer = c.read();
                    assertEquals(ErrorCode.PROTOCOL, answer.error().code());
                } catch (IOException closed) {
                    // closing without an answer is acceptable too
                }
            }
            try (WireClient c = WireClient.session(f.port())) {
                c.frame(Protocol.DATA, new byte[10]); // DATA before any FILE
                assertEquals(ErrorCode.PROTOCOL, c.read().error().code());
                assertEquals(-1, c.in.read(), "a protocol error ends the session");
            }
            try (WireClient c = WireClient.session(f.port())) {
                assertEquals(Protocol.DONE, c.sendFile("after.txt", "still here".getBytes()).type());
            }
        }
        assertEquals(List.of("after.txt"), Fixture.listFiles(in));
    }

    @Test
    void unsupportedVersionIsRefused() throws Exception {
        try (Fixture f = Fixture.start(framed(tmp.resolve("in")).build()); WireClient c = new WireClient(f.port())) {
            c.frame(Protocol.HELLO, new Messages.Hello(Protocol.VERSION + 1, Protocol.VERSION + 2, null).encode());
            Messages.Error e = c.read().error();
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, e.code());
            assertEquals(-1, c.in.read());
        }
    }

    @Test
    void emptyDirectorySendsNothingAndIsVacuouslyConfirmed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (Fixture f = Fixture.start(framed(tmp.resolve("in")).build())) {
            SendReport r = f.send(empty, SendOptions.defaults());
            assertTrue(r.allConfirmed());
            assertEquals(0, r.files().size());
        }
    }

    @Test
    void missingSourceFailsBeforeConnectingAnything() throws Exception {
        try (Fixture f = Fixture.start(framed(tmp.resolve("in")).build())) {
            assertThrows(java.nio.file.NoSuchFileException.class, () -> f.send(tmp.resolve("nope"), SendOptions.defaults()));
        }
    }

    @Test
    void aRawOnlyReceiverTellsAFramedSenderInsteadOfStoringGarbage() throws Exception {
        Path in = tmp.resolve("in");
        Path src = tmp.resolve("x.bin");
        Files.write(src, new byte[10]);
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.RAW).build())) {
            FileTransferException e = assertThrows(FileTransferException.class, () -> f.send(src, SendOptions.defaults()));
            assertEquals(ErrorCode.PROTOCOL, e.code());
            assertTrue(e.getMessage().contains("raw uploads only"), e.getMessage());
            f.awaitIdle(Duration.ofSeconds(5));
        }
        assertEquals(List.of(), Fixture.listFiles(in));
    }

    @Test
    void fsyncModeStoresTheSameBytes() throws Exception {
        Path in = tmp.resolve("in");
        Path tree = tmp.resolve("t");
        Files.createDirectories(tree.resolve("sub"));
        Files.write(tree.resolve("sub/a.bin"), Fixture.randomBytes(100_000, 1));
        Files.write(tree.resolve("b.bin"), Fixture.randomBytes(10, 2));
        try (Fixture f = Fixture.start(framed(in).fsync(true).build())) {
            assertTrue(f.send(tree, SendOptions.defaults()).allConfirmed());
        }
        assertArrayEquals(Files.readAllBytes(tree.resolve("sub/a.bin")), Files.readAllBytes(in.resolve("t/sub/a.bin")));
        assertEquals(List.of("t/b.bin", "t/sub/a.bin"), Fixture.listFiles(in));
    }
}
