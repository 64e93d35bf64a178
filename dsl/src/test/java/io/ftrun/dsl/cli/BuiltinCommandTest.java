package io.ftrun.dsl.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ftrun.dsl.cli.DslExamplesTest.ftrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in commands' usage errors and help, in their own terms (--to, not -Pto); transfers are tested in samples. */
class BuiltinCommandTest {
    @Test
    void aMissingOptionOrOperandSaysWhichAndHowToUseIt() {
        String[] noTo = ftrun("send", "x.pdf");
        assertEquals("2", noTo[0]);
        assertEquals("ftrun send: missing --to HOST:PORT (the receiver)\n"
                + "usage: ftrun send [options] FILE|DIR... --to HOST:PORT   (ftrun send --help)\n", noTo[2]);
        String[] nothing = ftrun("fetch", "localhost:9999");
        assertTrue(nothing[2].startsWith("ftrun fetch: missing PATH... (what to fetch"), nothing[2]);
        String[] extra = ftrun("serve", "a", "b");
        assertTrue(extra[2].startsWith("ftrun serve: unexpected b\n"), extra[2]);
    }

    @Test
    void aMisspeltOptionGetsASuggestionAndABadValueItsReason() {
        String[] typo = ftrun("send", "x.pdf", "--too", "h:1");
        assertEquals("2", typo[0]);
        assertEquals("ftrun send: unknown option --too; did you mean --to?\n", typo[2]);
        String[] port = ftrun("receive", "--port", "nine");
        assertEquals("2", port[0]);
        assertEquals("ftrun receive: --port must be a whole number up to 2147483647, not 'nine'\n", port[2]);
        String[] to = ftrun("send", "x.pdf", "--to", "localhost");
        assertEquals("2", to[0]);
        assertEquals("ftrun send: --to takes HOST:PORT (localhost:9999, [::1]:9999), not 'localhost'\n", to[2]);
    }

    /** What a review found: each refused before anything connects, in the command's own terms. */
    @Test
    void contradictionsRepeatsAndAbbreviationsAreRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String tree = java.nio.file.Files.createDirectories(dir.resolve("tree")).toString();
        assertEquals("ftrun send: --raw sends one file, and " + tree + " is a directory: drop --raw to send it framed\n",
                ftrun("send", "--raw", tree, "--to", "127.0.0.1:1")[2]);
        assertEquals("ftrun send: --raw and --token-file exclude each other: raw uploads carry no token\n",
                ftrun("send", "--raw", "a.bin", "--token-file", "t", "--to", "127.0.0.1:1")[2]);
        assertEquals("ftrun receive: --raw and --token-file exclude each other: raw uploads carry no token\n",
                ftrun("receive", "--raw", "--token-file", "t", "--port", "0")[2]);
        assertEquals("ftrun send: --to is given more than once\n", ftrun("send", "a", "--to", "h:1", "--to", "h:2")[2]);
        assertEquals("ftrun send: unknown option --compres; did you mean --compress?\n", ftrun("send", "a", "--to", "h:1", "--compres")[2]);
        assertEquals("ftrun send: --tls-pin needs a value (sha256/BASE64)\n", ftrun("send", "a", "--to", "h:1", "--tls-pin")[2]);
        assertEquals("ftrun receive: --port must be a whole number up to 2147483647, not '99999999999'\n", ftrun("receive", "--port", "99999999999")[2]);
    }

    @Test
    void ftrunItselfSuggestsCommandsAndOptions() {
        String[] command = ftrun("sned", "a.bin");
        assertEquals("2", command[0]);
        assertTrue(command[2].startsWith("ftrun: unknown command 'sned'; did you mean send?"), command[2]);
        assertTrue(ftrun("--chek", "x.groovy")[2].startsWith("ftrun: unknown option --chek; did you mean --check?"));
        String[] events = ftrun("--events-file", "e.json", "x.groovy");
        assertEquals("2", events[0]);
        assertTrue(events[2].startsWith("ftrun: --events-file names where --events json goes"), events[2]);
    }

    @Test
    void eachCommandHasItsHelp() {
        for (String command : List.of("send", "receive", "serve", "fetch")) {
            String[] help = ftrun(command, "--help");
            assertEquals("0", help[0], help[2]);
            assertTrue(help[1].startsWith("usage: ftrun " + command + " [options]"), help[1]);
            assertTrue(help[1].contains("  -q, --quiet"), help[1]);
        }
        assertTrue(ftrun("send", "--help")[1].contains("  --to HOST:PORT           the receiver (required)\n"));
        assertTrue(ftrun("send", "--help")[1].contains("  --timestamps "), "the common options are listed too");
    }
}
