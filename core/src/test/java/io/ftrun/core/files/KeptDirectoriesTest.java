package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session keeps the directories of its files open for the next ones ({@link OpenDirectories}): a receiver's, and a
 * server's serving one GET. A directory moved away between two files, out of the target or served directory, must
 * not take the next file with it (or serve one from outside): the kept handle is checked against its name before
 * each use, and the name is walked anew when it fails the check.
 */
class KeptDirectoriesTest {
    @TempDir
    Path tmp;

    @Test
    void aDirectoryMovedOutBetweenTwoFilesDoesNotTakeTheSecondFile() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("a")); // sent as a/1.txt and a/2.txt
        Files.writeString(src.resolve("1.txt"), "first");
        Files.writeString(src.resolve("2.txt"), "second");
        Path rx = Files.createDirectories(tmp.resolve("rx"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        // when a/1.txt is in place, a local user moves rx/a (with it) out of the target directory
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(rx).protocol(FileProtocol.FRAMED).commitHook(stored -> {
            if (stored.equals("a/1.txt")) {
                try {
                    Files.move(rx.resolve("a"), outside.resolve("a"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }).build();
        SendReport report;
        try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).build());
             Connection c = Client.connect(Local.client(server).build())) {
            report = FileSender.send(c, src, SendOptions.defaults());
        }
        assertEquals(2, report.files().size());
        assertTrue(report.failed().isEmpty(), "both confirmed: " + report.files());
        assertEquals(List.of("a/1.txt"), files(outside), "only the file stored before the move went with the directory");
        assertEquals(List.of("a/2.txt"), files(rx), "the second file went to a new directory a, inside");
        assertEquals("second", Files.readString(rx.resolve("a/2.txt")));
    }

    @Test
    void aServedDirectoryMovedOutBetweenTwoFilesIsNotReadFrom() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("served"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/1.txt"), "first");
        Files.writeString(root.resolve("a/2.txt"), "moved out with a");
        try (LinkFreeAccess files = new LinkFreeAccess(root.toRealPath()).keeping()) {
            assertEquals("first", read(files, root.toRealPath().resolve("a/1.txt")));
            // a local user moves a out of the served root and puts another a in its place
            Files.move(root.resolve("a"), outside.resolve("a"));
            Files.createDirectories(root.resolve("a"));
            Files.writeString(root.resolve("a/2.txt"), "inside");
            assertEquals("inside", read(files, root.toRealPath().resolve("a/2.txt")), "read through the kept handle of the moved a");
        }
    }

    private static String read(LinkFreeAccess files, Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = files.open(file)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
            ch.read(b, 0);
            return new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).map(p -> dir.relativize(p).toString())
                    .filter(n -> !n.startsWith(".ftrun-")).sorted().toList();
        }
    }
}
