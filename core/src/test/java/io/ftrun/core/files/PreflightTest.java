package io.ftrun.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Everything that can be decided about a file is decided before READY, over a real socket: a sender never
 * streams a whole file only to be refused for a reason that was known at the start. And a failure leaves no
 * directory behind that was made for it, and tells the peer nothing about the receiver's own paths.
 */
class PreflightTest {
    @TempDir
    Path tmp;

    private Fixture framed(Path in) throws IOException {
        return Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
    }

    private Fixture framed(Path in, OnCollision rule) throws IOException {
        return Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED)
                .naming(NamingPolicies.original(rule)).build());
    }

    /** 16 directories of 240 bytes and a 240-byte file name: 4096 bytes, the longest path the name rules allow. */
    static String longestPath() {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 16; i++) p.append(String.format("%02d", i)).append("d".repeat(238)).append('/');
        p.append("f".repeat(236)).append(".txt");
        assertEquals(4096, p.length());
        return p.toString();
    }

    @Test
    void aPathOf4096BytesIsStored() throws Exception {
        Path in = tmp.resolve("in");
        String name = longestPath();
        try (Fixture f = framed(in); WireClient c = WireClient.session(f.port())) {
            WireClient.Frame done = c.sendFile(name, "deep".getBytes(StandardCharsets.UTF_8));
            assertEquals(Protocol.DONE, done.type(), done.toString());
            assertEquals(name, Messages.Done.decode(done.buffer()).storedName());
        }
        try {
            assertEquals("deep", readBelow(in, name), "longer than PATH_MAX from / , but every step is relative");
        } finally {
            deleteBelow(in, name.substring(0, name.indexOf('/'))); // too deep for @TempDir's clean-up by path
        }
    }

    @Test
    void aFileInTheWayOfADirectoryIsRefusedBeforeReady() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("pfx"), "a file");
        try (Fixture f = framed(in); WireClient c = WireClient.session(f.port())) {
            Messages.Error e = c.file("pfx/child.txt", 4, Digests.CRC32C).error();
            assertEquals(ErrorCode.EXISTS, e.code());
            assertTrue(e.message().contains("'pfx'"), e.message());
            assertEquals(Protocol.DONE, c.sendFile("ok.txt", "fine".getBytes()).type(), "the session goes on");
        }
        assertEquals("a file", Files.readString(in.resolve("pfx")));
    }

    @Test
    void overwritingADirectoryIsRefusedBeforeReady() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.createDirectories(in.resolve("report.pdf"));
        try (Fixture f = framed(in, OnCollision.OVERWRITE); WireClient c = WireClient.session(f.port())) {
            Messages.Error e = c.file("report.pdf", 4, Digests.CRC32C).error();
            assertEquals(ErrorCode.EXISTS, e.code());
            assertTrue(e.message().contains("directory"), e.message());
        }
        assertTrue(Files.isDirectory(in.resolve("report.pdf")));
    }

    @Test
    void aTakenNameUnderRejectIsRefusedBeforeReadyEvenInASubdirectory() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(Files.createDirectories(in.resolve("sub")).resolve("a.txt"), "first");
        try (Fixture f = framed(in, OnCollision.REJECT); WireClient c = WireClient.session(f.port())) {
            assertEquals(ErrorCode.EXISTS, c.file("sub/a.txt", 6, Digests.CRC32C).error().code());
        }
        assertEquals("first", Files.readString(in.resolve("sub/a.txt")));
    }

    @Test
    void directoriesMadeForAFailedFileAreRemovedAndOthersKept() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.createDirectories(in.resolve("kept"));
        byte[] data = "some data".getBytes(StandardCharsets.UTF_8);
        try (Fixture f = framed(in); WireClient c = WireClient.session(f.port())) {
            assertEquals(Protocol.READY, c.file("kept/new/deeper/f.txt", data.length, Digests.CRC32C).type());
            assertTrue(Files.isDirectory(in.resolve("kept/new/deeper")), "made before READY");
            c.data(data);
            Messages.Error e = c.end(new byte[4]).error(); // a wrong digest: the file fails after its data
            assertEquals(ErrorCode.DIGEST_MISMATCH, e.code());
            f.awaitIdle(java.time.Duration.ofMillis(200));
        }
        assertFalse(Files.exists(in.resolve("kept/new")), "made for the failed file, and empty: removed");
        assertTrue(Files.isDirectory(in.resolve("kept")), "not made for it: kept");
    }

    @Test
    void aDirectoryStillInUseIsNotRemoved() throws Exception {
        Path in = tmp.resolve("in");
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);
        try (Fixture f = framed(in); WireClient c = WireClient.session(f.port())) {
            assertEquals(Protocol.READY, c.file("shared/f.txt", 1, Digests.CRC32C).type());
            Files.writeString(in.resolve("shared/someone-elses.txt"), "mine");
            c.data(data);
            assertEquals(ErrorCode.DIGEST_MISMATCH, c.end(new byte[4]).error().code());
        }
        assertEquals("mine", Files.readString(in.resolve("shared/someone-elses.txt")));
    }

    @Test
    void anErrorNeverShowsTheReceiversPaths() throws Exception {
        Path in = tmp.resolve("in");
        byte[] data = "lost".getBytes(StandardCharsets.UTF_8);
        try (Fixture f = framed(in); WireClient c = WireClient.session(f.port())) {
            assertEquals(Protocol.READY, c.file("sub/x.txt", data.length, Digests.CRC32C).type());
            c.data(data);
            // the temporary is made when the data begins: someone removes it under us then
            Files.delete(in.resolve(Fixture.awaitTemporary(in, ".ftrun-tmp-")));
            Messages.Error e = c.end(WireClient.digest(Digests.CRC32C, data)).error();
            assertEquals(ErrorCode.IO_ERROR, e.code());
            assertFalse(e.message().contains(tmp.toString()), e.message());
            assertFalse(e.message().contains(".ftrun-"), e.message());
        }
    }

    @Test
    void aRenameNeverPushesANamePast255Bytes() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        String name = "é".repeat(125) + ".txt"; // 254 bytes
        Files.writeString(in.resolve(name), "first");
        try (Fixture f = framed(in); WireClient c = WireClient.session(f.port())) {
            WireClient.Frame done = c.sendFile(name, "second".getBytes(StandardCharsets.UTF_8));
            assertEquals(Protocol.DONE, done.type(), done.toString());
            String stored = Messages.Done.decode(done.buffer()).storedName();
            assertEquals("é".repeat(124) + "-1.txt", stored, "the stem shortened by whole characters so the suffix fits");
            assertEquals("second", Files.readString(in.resolve(stored)));
        }
        assertEquals("first", Files.readString(in.resolve(name)));
    }

    /** Deletes the tree {@code name} in {@code dir} through directory handles, however deep it is. */
    static void deleteBelow(Path dir, String name) throws IOException {
        try (SecureDirectoryStream<Path> at = (SecureDirectoryStream<Path>) Files.newDirectoryStream(dir)) {
            deleteEntry(at, Path.of(name));
        }
    }

    private static void deleteEntry(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        boolean isDir = parent.getFileAttributeView(name, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes().isDirectory();
        if (!isDir) {
            parent.deleteFile(name);
            return;
        }
        try (SecureDirectoryStream<Path> child = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> entries = new java.util.ArrayList<>();
            for (Path p : child) entries.add(p.getFileName());
            for (Path p : entries) deleteEntry(child, p);
        }
        parent.deleteDirectory(name);
    }

    /** Reads a file below {@code dir} one directory at a time (its absolute path may be longer than PATH_MAX). */
    static String readBelow(Path dir, String relative) throws IOException {
        String[] parts = relative.split("/");
        DirectoryStream<Path> ds = Files.newDirectoryStream(dir);
        assertTrue(ds instanceof SecureDirectoryStream, "this platform's directory streams are secure");
        SecureDirectoryStream<Path> at = (SecureDirectoryStream<Path>) ds;
        try {
            for (int i = 0; i < parts.length - 1; i++) {
                SecureDirectoryStream<Path> next = at.newDirectoryStream(Path.of(parts[i]), LinkOption.NOFOLLOW_LINKS);
                at.close();
                at = next;
            }
            try (SeekableByteChannel ch = at.newByteChannel(Path.of(parts[parts.length - 1]), Set.of(StandardOpenOption.READ))) {
                ByteBuffer b = ByteBuffer.allocate((int) ch.size());
                while (b.hasRemaining() && ch.read(b) > 0) { }
                return new String(b.array(), StandardCharsets.UTF_8);
            }
        } finally {
            at.close();
        }
    }

}
