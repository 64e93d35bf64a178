package io.ftrun.dsl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ftrun.dsl.cli.DslExamplesTest.ftrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The completions and the man page, tried in bash, zsh and man themselves. */
class CommandDocsTest {
    @TempDir
    Path dir;

    private String shell(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** What bash offers for the words typed so far (the last one being completed). */
    private List<String> complete(Path script, String... words) throws Exception {
        String array = String.join(" ", java.util.Arrays.stream(words).map(w -> "'" + w + "'").toList());
        return shell("bash", "-c", "source " + script + "; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; _ftrun; printf '%s\\n' \"${COMPREPLY[@]}\"").lines().filter(l -> !l.isEmpty()).sorted().toList();
    }

    @Test
    void bashCompletesCommandsTheirOptionsAndFiles() throws Exception {
        String[] r = ftrun("completion", "bash");
        assertEquals("0", r[0], r[2]);
        Path script = Files.writeString(dir.resolve("ftrun.bash"), r[1]);
        Files.writeString(dir.resolve("report.pdf"), "x");
        assertEquals(List.of("send", "serve"), complete(script, "ftrun", "se"));
        assertEquals(List.of("--timestamps", "--tls", "--tls-ca", "--tls-pin", "--to", "--token-file"), complete(script, "ftrun", "send", "report.pdf", "--t"));
        assertEquals(List.of("--tls-cert", "--tls-key"), complete(script, "ftrun", "receive", "--tls-"));
        assertEquals(List.of("report.pdf"), complete(script, "ftrun", "send", "--token-file", "rep"), "an option's value is a file");
        assertEquals(List.of("--stacktrace", "--static"), complete(script, "ftrun", "--sta"));
        Files.writeString(dir.resolve("my report.pdf"), "x");
        assertEquals(List.of("my report.pdf"), complete(script, "ftrun", "send", "my"), "a name with a space is one candidate");
        assertEquals(List.of("debug"), complete(script, "ftrun", "receive", "--log-level", "d"));
        assertEquals(List.of("bash"), complete(script, "ftrun", "completion", "b"));
    }

    @Test
    void zshLoadsTheSameCompletion() throws Exception {
        String[] r = ftrun("completion", "zsh");
        assertEquals("0", r[0], r[2]);
        Path script = Files.writeString(dir.resolve("ftrun.zsh"), r[1]);
        String out = shell("zsh", "-fc", "autoload -U compinit && compinit -u -d " + dir.resolve("zcompdump") + "; source " + script
                + "; print -r -- ${_comps[ftrun]}");
        assertEquals("_bash_complete -o filenames -F _ftrun", out.strip());
    }

    @Test
    void theManPageRendersWithEveryCommandAndExitCode() throws Exception {
        String[] r = ftrun("man");
        assertEquals("0", r[0], r[2]);
        Path page = Files.writeString(dir.resolve("ftrun.1"), r[1]);
        assertEquals("", shell("groff", "-man", "-ww", "-z", page.toString()), "groff warnings");
        String shown = shell("env", "LC_ALL=C", "MANWIDTH=120", "man", "-l", page.toString());
        for (String expected : List.of("SYNOPSIS", "ftrun send [options] FILE|DIR... --to HOST:PORT", "--token-file FILE", "EXIT STATUS",
                "143", "stopped by SIGTERM", "FTRUN_JAVA_OPTS", "-Pname=value")) {
            assertTrue(shown.contains(expected), expected + " not in:\n" + shown);
        }
        assertEquals("2", ftrun("completion", "fish")[0], "an unknown shell is a usage error");
    }
}
