package io.ftrun.core.files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The hostile-name table, as pure rules. FramedNamesTest sends the same names over a socket. */
class SafeNamesTest {
    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            "../etc/passwd", "a/../../b", "..", ".", "a/./b", "/etc/passwd", "//server/share", "C:\\Windows\\x",
            "c:evil", "D:/x", "a\\..\\b", "a//b", "a/", "", "nul\u0000byte", "bell\u0007", "esc\u001b[31mred",
            "csi\u009b31m", "del\u007f", "line\nbreak", "cr\rname", "tab\tname", "bidi\u202ecod.exe", "ls\u2028x",
            "...", " . ", ".ftrun-tmp-0123.part", "dir/.ftrun-resume-x.meta",
            // one file on a case-insensitive file system (macOS, Windows) as ftrun's own temporaries
            ".FTRUN-x", ".Ftrun-tmp-0123.part", "dir/.fTrUn-resume-x.meta", ".FTRUN-x. "})
    void refused(String name) {
        FileTransferException e = assertThrows(FileTransferException.class, () -> SafeNames.clean(name));
        assertEquals(ErrorCode.NAME_REJECTED, e.code());
        for (char c : e.getMessage().toCharArray()) {
            assertFalse(SafeNames.isControl(c), "message must be log-safe: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "report.pdf|report.pdf",
            "docs/2024/report.pdf|docs/2024/report.pdf",
            "report.pdf.|report.pdf",
            "report.pdf  . |report.pdf",
            "dir./file |dir/file",
            "CON|_CON",
            "con.txt|_con.txt",
            "dir/NUL.tar.gz|dir/_NUL.tar.gz",
            "COM1|_COM1",
            "lpt9.log|_lpt9.log",
            "CONSOLE.txt|CONSOLE.txt",
            ".gitignore|.gitignore",
            ".ftrunner|.ftrunner",
            "x.ftrun-y|x.ftrun-y",
            "ünïcödé ✓.txt|ünïcödé ✓.txt",
            "10:30 notes.txt|10:30 notes.txt"})
    void cleaned(String name, String expected) throws Exception {
        assertEquals(expected, SafeNames.clean(name));
    }

    @Test
    void overLongNamesAreRefused() throws Exception {
        String ok = "a".repeat(255);
        assertEquals(ok, SafeNames.clean(ok));
        assertThrows(FileTransferException.class, () -> SafeNames.clean("a".repeat(256)));
        assertThrows(FileTransferException.class, () -> SafeNames.clean("é".repeat(128)), "128 x 2 bytes > 255");
        assertThrows(FileTransferException.class, () -> SafeNames.clean(("d".repeat(200) + "/").repeat(25) + "f"), "> 4096 bytes");
        assertThrows(FileTransferException.class, () -> SafeNames.clean("d/".repeat(70) + "f"), "> 64 levels");
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() throws Exception {
        assertEquals("ok.txt", SafeNames.decode("ok.txt".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (byte[] bad : new byte[][]{{(byte) 0xff, 'a'}, {'a', (byte) 0xc3}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}}) {
            FileTransferException e = assertThrows(FileTransferException.class, () -> SafeNames.decode(bad));
            assertEquals(ErrorCode.NAME_REJECTED, e.code());
        }
        assertThrows(FileTransferException.class, () -> SafeNames.clean("lone\ud800surrogate"));
    }
}
