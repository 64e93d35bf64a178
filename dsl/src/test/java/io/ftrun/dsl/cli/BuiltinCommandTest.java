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
        assertEquals("ftrun receive: --port: parameter port must be a whole number, not 'nine'\n", port[2]);
        String[] to = ftrun("send", "x.pdf", "--to", "localhost");
        assertEquals("2", to[0]);
        assertTrue(to[2].contains("--to takes HOST:PORT (localhost:9999, [::1]:9999), not 'localhost'"), to[2]);
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
    }
}
