package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Keeps docs/PROTOCOL.md honest: its example session must be byte for byte what the real sender and receiver say
 * to each other, and its constants must be the implementation's.
 */
class ProtocolDocTest {
    private static final Pattern LINE = Pattern.compile("^(C->S|S->C)\\s+([A-Z]+)\\s+([0-9a-f ]+?)\\s*(#.*)?$");

    @TempDir
    Path tmp;

    static Path doc() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("docs/PROTOCOL.md");
            if (Files.isRegularFile(d)) return d;
        }
        throw new AssertionError("docs/PROTOCOL.md not found above " + Path.of("").toAbsolutePath());
    }

    record Line(String direction, String message, byte[] bytes) {
    }

    static List<Line> exampleSession() throws Exception {
        String text = Files.readString(doc());
        int start = text.indexOf("<!-- example-session:start -->");
        int end = text.indexOf("<!-- example-session:end -->");
        assertTrue(start >= 0 && end > start, "example session markers missing in docs/PROTOCOL.md");
        List<Line> lines = new ArrayList<>();
        for (String l : text.substring(start, end).split("\n")) {
            Matcher m = LINE.matcher(l.trim());
            if (m.matches()) lines.add(new Line(m.group(1), m.group(2), HexFormat.of().parseHex(m.group(3).replace(" ", ""))));
        }
        return lines;
    }

    @Test
    void exampleSessionIsWhatTheImplementationSends() throws Exception {
        Path src = tmp.resolve("hello.txt");
        Files.writeString(src, "hello, world\n");
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(src, FileTime.fromMillis(1_700_000_000_000L));
        ByteArrayOutputStream c2s;
        ByteArrayOutputStream s2c;
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(tmp.resolve("in")).protocol(FileProtocol.FRAMED).build());
             RecordingProxy proxy = new RecordingProxy(f.port())) {
            try (Connection c = Client.connect(ClientConfig.builder().host("127.0.0.1").port(proxy.port()).idleTimeout(Duration.ofSeconds(10)).build())) {
                assertTrue(FileSender.send(c, src, SendOptions.defaults()).allConfirmed());
            }
            proxy.awaitEnd(5000);
            c2s = proxy.clientToServer;
            s2c = proxy.serverToClient;
        }
        List<Line> doc = exampleSession();
        assertFalse(doc.isEmpty(), "no example lines in docs/PROTOCOL.md; the real session:\n" + render("C->S", c2s.toByteArray()) + render("S->C", s2c.toByteArray()));
        ByteArrayOutputStream docC2s = new ByteArrayOutputStream();
        ByteArrayOutputStream docS2c = new ByteArrayOutputStream();
        for (Line l : doc) {
            assertEquals(l.message(), Protocol.typeName(l.bytes()[0] & 0xFF), "type byte of a " + l.message() + " line");
            long len = ((l.bytes()[1] & 0xFFL) << 24) | ((l.bytes()[2] & 0xFFL) << 16) | ((l.bytes()[3] & 0xFFL) << 8) | (l.bytes()[4] & 0xFFL);
            assertEquals(l.bytes().length - Protocol.HEADER, len, "length field of a " + l.message() + " line");
            (l.direction().equals("C->S") ? docC2s : docS2c).writeBytes(l.bytes());
        }
        String actual = "actual session, split into messages:\n" + render("C->S", c2s.toByteArray()) + render("S->C", s2c.toByteArray());
        assertEquals(HexFormat.of().formatHex(c2s.toByteArray()), HexFormat.of().formatHex(docC2s.toByteArray()), actual);
        assertEquals(HexFormat.of().formatHex(s2c.toByteArray()), HexFormat.of().formatHex(docS2c.toByteArray()), actual);
    }

    /** The bytes of one direction as doc lines, to paste into PROTOCOL.md when the protocol changes on purpose. */
    private static String render(String direction, byte[] b) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at + Protocol.HEADER <= b.length) {
            int len = ((b[at + 1] & 0xFF) << 24) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 8) | (b[at + 4] & 0xFF);
            out.append(direction).append("  ").append(String.format("%-8s", Protocol.typeName(b[at] & 0xFF))).append(' ')
                    .append(HexFormat.of().formatHex(b, at, at + 1)).append(' ')
                    .append(HexFormat.of().formatHex(b, at + 1, at + 5)).append(' ')
                    .append(HexFormat.of().formatHex(b, at + 5, Math.min(b.length, at + 5 + len))).append('\n');
            at += 5 + len;
        }
        return out.toString();
    }

    @Test
    void documentedConstantsMatchTheImplementation() throws Exception {
        String text = Files.readString(doc());
        Map<String, Integer> types = Map.ofEntries(Map.entry("HELLO", Protocol.HELLO), Map.entry("WELCOME", Protocol.WELCOME),
                Map.entry("FILE", Protocol.FILE), Map.entry("READY", Protocol.READY), Map.entry("START", Protocol.START),
                Map.entry("DATA", Protocol.DATA), Map.entry("END", Protocol.END), Map.entry("DONE", Protocol.DONE),
                Map.entry("ERROR", Protocol.ERROR), Map.entry("BYE", Protocol.BYE), Map.entry("SKIP", Protocol.SKIP),
                Map.entry("GET", Protocol.GET), Map.entry("LIST", Protocol.LIST), Map.entry("LISTING", Protocol.LISTING));
        for (var e : types.entrySet()) {
            assertTrue(text.contains(String.format("| `0x%02x` | %s ", e.getValue(), e.getKey())), "type row for " + e.getKey());
        }
        for (ErrorCode c : ErrorCode.values()) {
            assertTrue(text.contains(String.format("| %d | `%s` |", c.code(), c.name())), "error code row for " + c);
        }
        for (String d : Digests.supported()) assertTrue(text.contains("`" + d + "`"), "digest " + d);
        assertTrue(text.contains(String.valueOf(Protocol.MAX_CONTROL)) && text.contains(String.valueOf(Protocol.MAX_PATH)));
        assertEquals("FTRN", new String(Protocol.MAGIC, StandardCharsets.US_ASCII));
    }
}
