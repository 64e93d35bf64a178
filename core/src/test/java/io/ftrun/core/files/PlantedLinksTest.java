package io.ftrun.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A local user who can write in the target directory plants symbolic links, or other files, under ftrun's own
 * hidden names (they are visible, and a resume key is a hash of what the sender sends). The receiver must never
 * write, truncate, digest or change the mode of anything but its own file through them. And on a platform without
 * secure directory handles, nested names are refused unless the receiver opts in.
 */
class PlantedLinksTest {
    @TempDir
    Path tmp;

    private Path victim() throws Exception {
        return Files.writeString(Files.createDirectories(tmp.resolve("elsewhere")).resolve("precious.txt"), "precious", StandardCharsets.UTF_8);
    }

    private static FileReceiverConfig.Builder framed(Path dir) {
        return FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.FRAMED);
    }

    private Path source() throws Exception {
        return Files.write(Files.createDirectories(tmp.resolve("src")).resolve("movie.bin"), Fixture.randomBytes(1 << 20, 5));
    }

    @Test
    void aPartialReplacedByALinkIsNeverWrittenThroughNorDigested() throws Exception {
        Path in = tmp.resolve("in");
        Path src = source();
        Path victim = victim();
        try (Fixture f = Fixture.start(framed(in).build())) {
            CommitCrashTest.interruptedSend(f, src);
            Path part = in.resolve(Fixture.temporaries(in).stream().filter(n -> n.endsWith(".part")).findFirst().orElseThrow());
            Files.delete(part);
            Files.createSymbolicLink(part, victim); // its sidecar still matches the source
            SendReport r = f.send(src, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(0, r.files().get(0).resumedFrom(), "no offer made from what the link points at");
        }
        assertEquals("precious", Files.readString(victim));
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(in.resolve("movie.bin")));
    }

    @Test
    void aLinkPlantedWhereTheSidecarIsWrittenIsNeverWrittenThrough() throws Exception {
        Path in = tmp.resolve("in");
        Path src = source();
        Path victim = victim();
        try (Fixture f = Fixture.start(framed(in).build())) {
            CommitCrashTest.interruptedSend(f, src);
            String meta = Fixture.temporaries(in).stream().filter(n -> n.endsWith(".meta")).findFirst().orElseThrow();
            Files.delete(in.resolve(meta)); // so the next transfer of the file writes a fresh sidecar...
            Files.createSymbolicLink(in.resolve(meta + ".new"), victim); // ...through its temporary name
            assertTrue(f.send(src, SendOptions.defaults()).allConfirmed());
        }
        assertEquals("precious", Files.readString(victim));
        assertEquals(List.of("movie.bin"), Fixture.listFiles(in));
    }

    @Test
    void anotherFileSwappedInForTheTemporaryNeverGetsTheSendersMode() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path secret = Files.writeString(in.resolve("secret.txt"), "someone else's upload", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        byte[] data = "mine, all mine".getBytes(StandardCharsets.UTF_8);
        try (Fixture f = Fixture.start(framed(in).build()); WireClient c = WireClient.session(f.port())) {
            c.frame(Protocol.FILE, new Messages.FileHeader(Protocol.FILE_HAS_MODE, data.length, 0666, 0, Digests.CRC32C,
                    "mine.txt".getBytes(StandardCharsets.UTF_8)).encode());
            assertEquals(Protocol.READY, c.read().type());
            c.data(java.util.Arrays.copyOf(data, 4)); // the temporary is made when the data begins
            Path temporary = in.resolve(Fixture.awaitTemporary(in, ".ftrun-tmp-"));
            Files.move(temporary, in.resolve("parked")); // the receiver's file, out of the way...
            Files.move(secret, temporary); // ...and the secret under its name, while the data arrives
            c.data(java.util.Arrays.copyOfRange(data, 4, data.length));
            c.end(WireClient.digest(Digests.CRC32C, data));
        }
        for (String name : Fixture.listFiles(in)) {
            if (Files.readString(in.resolve(name)).equals("someone else's upload")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(in.resolve(name))), name);
            }
        }
    }

    @Test
    void withoutSecureDirectoriesNestedNamesAreRefusedUnlessAllowed() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(framed(in).secureDirectories(false).build()); WireClient c = WireClient.session(f.port())) {
            Messages.Error e = c.file("sub/a.txt", 1, Digests.CRC32C).error();
            assertEquals(ErrorCode.NAME_REJECTED, e.code());
            assertTrue(e.message().contains("allowNestedWithoutSecureDirectories"), e.message());
            assertEquals(Protocol.DONE, c.sendFile("flat.txt", "ok".getBytes()).type(), "names in the root are safe by path");
        }
        assertFalse(Files.exists(in.resolve("sub")));
        try (Fixture f = Fixture.start(framed(in).secureDirectories(false).allowNestedWithoutSecureDirectories(true).build());
             WireClient c = WireClient.session(f.port())) {
            assertEquals(Protocol.DONE, c.sendFile("sub/a.txt", "x".getBytes()).type());
        }
        assertEquals("x", Files.readString(in.resolve("sub/a.txt")));
    }
}
