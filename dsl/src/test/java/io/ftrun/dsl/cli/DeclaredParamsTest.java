package io.ftrun.dsl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.ftrun.dsl.cli.DslExamplesTest.ftrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A script's {@code params { }} block through the command line: --help, defaults, and what is refused. */
class DeclaredParamsTest {
    @TempDir
    Path dir;

    private Path script(String body) throws Exception {
        return Files.writeString(dir.resolve("send.groovy"), String.join("\n",
                "params {",
                "    description 'Sends a file.'",
                "    param 'host', 'localhost', 'the receiver'",
                "    param 'port', 9999, 'its port'",
                "    param 'file', String, 'what to send'",
                "    param 'compress', false, 'deflate it'",
                "}",
                body, ""));
    }

    private Path printer() throws Exception {
        return script("log.warn \"values: ${params.host} ${params.intValue('port')} ${params.file} ${params.flag('compress')}\"");
    }

    @Test
    void helpListsTheParametersAndRunsNothingAfterTheBlock() throws Exception {
        Path s = script("println 'the body ran'\nserver { port 0; echo() }");
        String[] r = ftrun("--no-cache", s.toString(), "--help");
        assertEquals("0", r[0], r[2]);
        assertEquals(String.join("\n",
                "usage: ftrun [options] " + s + " [-Pname=value ...]",
                "",
                "Sends a file.",
                "",
                "parameters:",
                "  -Phost=VALUE             the receiver (default: localhost)",
                "  -Pport=N                 its port (default: 9999)",
                "  -Pfile=VALUE             what to send (required)",
                "  -Pcompress[=true|false]  deflate it",
                "",
                "ftrun --help lists the options.", ""), r[1]);
        assertFalse(r[1].contains("the body ran"));
    }

    @Test
    void defaultsAreFilledInAndValuesChecked() throws Exception {
        Path s = printer();
        assertTrue(ftrun("--no-cache", s.toString(), "-Pfile=a.txt")[2].contains("values: localhost 9999 a.txt false\n"));
        assertTrue(ftrun("--no-cache", s.toString(), "-Pfile=a.txt", "-Phost=h", "-Pport=1", "-Pcompress")[2].contains("values: h 1 a.txt true\n"));
        String[] typeChecked = ftrun("--no-cache", "--static", s.toString(), "-Pfile=a.txt", "-Pcompress=no");
        assertTrue(typeChecked[2].contains("values: localhost 9999 a.txt false\n"), typeChecked[2]);
    }

    @Test
    void aMisspeltNameIsRefusedWithASuggestion() throws Exception {
        String[] r = ftrun("--no-cache", printer().toString(), "-Pfile=a.txt", "-Pprot=1");
        assertEquals("2", r[0]);
        assertEquals("send.groovy:1: unknown parameter 'prot'; did you mean 'port'? (this script takes host, port, file, compress)\n", r[2]);
        assertFalse(r[2].contains("values:"), "nothing ran");
    }

    @Test
    void missingAndMalformedValuesAreRefused() throws Exception {
        Path s = printer();
        String[] missing = ftrun("--no-cache", s.toString());
        assertEquals("2", missing[0]);
        assertEquals("send.groovy:1: missing parameter 'file' (what to send): give -Pfile=VALUE\n", missing[2]);
        String[] number = ftrun("--no-cache", s.toString(), "-Pfile=a", "-Pport=99x");
        assertEquals("send.groovy:1: parameter port must be a whole number up to 2147483647, not '99x'\n", number[2]);
        String[] flag = ftrun("--no-cache", s.toString(), "-Pfile=a", "-Pcompress=maybe");
        assertEquals("send.groovy:1: parameter compress is a flag: true or false, not 'maybe'\n", flag[2]);
    }

    /** One set of -P values checks several scripts: a name only another script takes is not refused there. */
    @Test
    void checkIgnoresNamesTheScriptDoesNotTake() throws Exception {
        Path other = Files.writeString(dir.resolve("other.groovy"), "params {\n  param 'dir', String, ''\n}\n");
        String[] r = ftrun("--no-cache", "--check", printer().toString(), other.toString(), "-Pfile=a", "-Pdir=d");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("send.groovy: OK") && r[2].contains("other.groovy: OK"), r[2]);
        assertEquals("2", ftrun("--no-cache", "--check", printer().toString())[0], "a required one is still required");
        String[] one = ftrun("--no-cache", "--check", printer().toString(), "-Pfile=a", "-Pprot=1");
        assertEquals("2", one[0], "one script checked: its -P values are its own, a misspelt one refused");
        assertTrue(one[2].contains("unknown parameter 'prot'; did you mean 'port'?"), one[2]);
    }

    @Test
    void aScriptWithoutTheBlockSaysSo() throws Exception {
        Path s = Files.writeString(dir.resolve("plain.groovy"), "log.warn \"read: ${params.anything ?: 'none'}\"\n");
        String[] r = ftrun("--no-cache", s.toString(), "--help");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].endsWith(s + " declares no parameters (a params { } block would list them here)\n"), r[1]);
        String[] lenient = ftrun("--no-cache", s.toString(), "-Pother=1");
        assertEquals("0", lenient[0], "undeclared scripts stay lenient: " + lenient[2]);
        assertTrue(lenient[2].contains("read: none"), lenient[2]);
    }

    @Test
    void badDeclarationsAreLocated() throws Exception {
        Path twice = Files.writeString(dir.resolve("twice.groovy"), "params {\n  param 'a', 1, ''\n  param 'a', 2, ''\n}\n");
        assertEquals("twice.groovy:3: parameter 'a' is declared twice\n", ftrun("--no-cache", twice.toString())[2]);
        Path type = Files.writeString(dir.resolve("type.groovy"), "params {\n  param 'when', new Date(), ''\n}\n");
        assertTrue(ftrun("--no-cache", type.toString())[2].startsWith("type.groovy:2: a parameter is text (String), a number"));
    }
}
