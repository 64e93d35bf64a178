package io.ftrun.core.files;

import io.ftrun.core.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The hostile-name table over a real socket: refused names store nothing anywhere; neutralised ones stay inside. */
class FramedNamesTest {
    @TempDir
    Path tmp;

    private Fixture start(Path in) throws Exception {
        return Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
    }

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {"../escape.txt", "a/../../escape.txt", "/tmp/abs.txt", "C:\\evil.txt", "c:/evil.txt",
            "nul\u0000.txt", "esc\u001b]0;pwned\u0007.txt", "red\u001b[31m.txt", "rlo\u202etxt.exe", "a//b.txt",
            ".ftrun-tmp-0000000000000000.part", ".FTRUN-x", "...", "x\\..\\..\\y"})
    void hostileNameIsRefusedAndNothingIsWritten(String name) throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = start(in); WireClient c = WireClient.session(f.port())) {
            WireClient.Frame answer = c.file(name, 4, Digests.CRC32C);
            assertEquals(ErrorCode.NAME_REJECTED, answer.error().code());
            Event rejected = f.await("file-rejected", 1, Duration.ofSeconds(5)).get(0);
            assertLogSafe(rejected.fields().toString());
            assertEquals(Protocol.DONE, c.sendFile("ok.txt", "fine".getBytes()).type(), "the session goes on");
        }
        assertEquals(List.of("in/ok.txt"), Fixture.listFiles(tmp), "nothing outside the directory, nothing but ok.txt inside");
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = start(in); WireClient c = WireClient.session(f.port())) {
            byte[] name = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '.', 't', 'x', 't'};
            WireClient.Frame answer = c.file(name, 4, Digests.CRC32C, 0, 0);
            Messages.Error e = answer.error();
            assertEquals(ErrorCode.NAME_REJECTED, e.code());
            assertTrue(e.message().contains("UTF-8"), e.message());
        }
        assertEquals(List.of(), Fixture.listFiles(tmp));
    }

    @Test
    void overLongNameIsRefused() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = start(in); WireClient c = WireClient.session(f.port())) {
            assertEquals(ErrorCode.NAME_REJECTED, c.file("x".repeat(300) + ".txt", 1, Digests.CRC32C).error().code());
            assertEquals(ErrorCode.NAME_REJECTED, c.file("d/".repeat(2100) + "f", 1, Digests.CRC32C).error().code());
        }
        assertEquals(List.of(), Fixture.listFiles(tmp));
    }

    @ParameterizedTest(name = "{0} stored as {1}")
    @CsvSource(delimiter = '|', value = {"CON|_CON", "nul.txt|_nul.txt", "sub/COM1.log|sub/_COM1.log",
            "trailing.txt.|trailing.txt", "spaces.txt  |spaces.txt", "dots./x.txt|dots/x.txt"})
    void neutralisedNamesStayInside(String name, String stored) throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = start(in); WireClient c = WireClient.session(f.port())) {
            WireClient.Frame done = c.sendFile(name, "data".getBytes());
            assertEquals(Protocol.DONE, done.type());
            assertEquals(stored, Messages.Done.decode(done.buffer()).storedName());
        }
        assertEquals("data", Files.readString(in.resolve(stored)));
    }

    @Test
    void aSymlinkedParentDirectoryIsNotFollowed() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(in.resolve("link"), outside);
        try (Fixture f = start(in); WireClient c = WireClient.session(f.port())) {
            Messages.Error e = c.sendFile("link/planted.txt", "x".getBytes()).error();
            assertEquals(ErrorCode.NAME_REJECTED, e.code());
            assertTrue(e.message().contains("symbolic link"), e.message());
        }
        assertEquals(List.of(), Fixture.listFiles(outside));
    }

    @Test
    void aSymlinkedTargetDirectoryItselfIsFine() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("inbox"), real);
        try (Fixture f = start(link); WireClient c = WireClient.session(f.port())) {
            assertEquals(Protocol.DONE, c.sendFile("a.txt", "x".getBytes()).type());
        }
        assertEquals("x", Files.readString(real.resolve("a.txt")));
    }

    @Test
    void aFinalNameThatIsASymlinkIsNeverWrittenThrough() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path victim = tmp.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Files.createSymbolicLink(in.resolve("a.txt"), victim);
        for (OnCollision rule : OnCollision.values()) {
            try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED)
                    .naming(NamingPolicies.original(rule)).build()); WireClient c = WireClient.session(f.port())) {
                c.sendFile("a.txt", "attack".getBytes());
            }
            assertEquals("precious", Files.readString(victim), rule.name());
        }
    }

    @Test
    void aNamingPolicyCannotEscapeEither() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED)
                .naming(NamingPolicies.custom(r -> "../" + r.originalFileName())).build()); WireClient c = WireClient.session(f.port())) {
            assertEquals(ErrorCode.NAME_REJECTED, c.sendFile("x.txt", "x".getBytes()).error().code());
        }
        assertEquals(List.of(), Fixture.listFiles(tmp));
    }

    @Test
    void namesInEventsAreLogSafe() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = start(in); WireClient c = WireClient.session(f.port())) {
            c.file("\u001b[2J\u001b[Hfake-log-line\n2025 INFO all good.txt", 1, Digests.CRC32C);
            Event e = f.await("file-rejected", 1, Duration.ofSeconds(5)).get(0);
            assertLogSafe(e.fields().toString());
            assertTrue(e.fields().get("name").toString().contains("\\x1b"), e.fields().toString());
        }
    }

    static void assertLogSafe(String s) {
        for (char ch : s.toCharArray()) assertFalse(SafeNames.isControl(ch), "control character in: " + s);
        assertEquals(s, new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
