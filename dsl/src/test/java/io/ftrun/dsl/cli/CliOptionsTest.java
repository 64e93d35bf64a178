package io.ftrun.dsl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.ftrun.dsl.cli.DslExamplesTest.ftrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log levels, {@code --events json}, the compiled-script cache, and {@code --check} of several scripts. */
class CliOptionsTest {
    @TempDir
    Path dir;

    private Path echoScript() throws Exception {
        return Files.writeString(dir.resolve("echo.groovy"), String.join("\n",
                "def s = server('e') { host '127.0.0.1'; port 0; framing 'lines'; echo() }",
                "client { connect s; framing 'lines'; send 'a\\u001b[31mb'; expect 'a\\u001b[31mb' }",
                "afterClients { shutdown() }", ""));
    }

    @Test
    void eventsJsonPrintsOneObjectPerLine() throws Exception {
        String[] r = ftrun("--no-cache", "--events", "json", echoScript().toString());
        assertEquals("0", r[0], r[2]);
        List<String> lines = Arrays.stream(r[1].split("\n")).filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"type\":\"") && l.endsWith("}")), r[1]);
        List<String> types = lines.stream().map(l -> l.substring(9, l.indexOf('"', 9))).collect(Collectors.toList());
        assertTrue(types.containsAll(List.of("server-started", "connection-opened", "connection-closed", "server-stopped")), types.toString());
        assertTrue(r[1].contains("\"reason\":\"completed\""), r[1]);
        assertFalse(r[1].contains("\u001b"), "no raw control characters in JSON");
    }

    @Test
    void eventsFileAndLogLevels() throws Exception {
        Path events = dir.resolve("events.jsonl");
        String[] debug = ftrun("--no-cache", "--log-level", "debug", "--events", "json", "--events-file", events.toString(), echoScript().toString());
        assertEquals("0", debug[0], debug[2]);
        assertEquals("", debug[1]);
        assertTrue(Files.readString(events).contains("\"type\":\"server-stopped\""));
        assertTrue(debug[2].contains("closed: completed"), debug[2]);

        String[] quiet = ftrun("--no-cache", "-q", echoScript().toString());
        assertEquals("0", quiet[0]);
        assertEquals("", quiet[2], "quiet prints nothing when all goes well");
        assertEquals("2", ftrun("--log-level", "loud", echoScript().toString())[0]);
        assertEquals("2", ftrun("--events", "xml", echoScript().toString())[0]);
    }

    /** {@code --timestamps}: each log line starts with its local time, ISO-8601 to the millisecond; without it, none. */
    @Test
    void timestampsStartEveryLogLineWhenAskedFor() throws Exception {
        String[] stamped = ftrun("--no-cache", "--timestamps", "--log-level", "debug", echoScript().toString());
        assertEquals("0", stamped[0], stamped[2]);
        List<String> lines = stamped[2].lines().collect(Collectors.toList());
        assertTrue(lines.size() >= 4, stamped[2]);
        for (String l : lines) assertTrue(l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ftrun: .+"), l);
        String[] plain = ftrun("--no-cache", "--log-level", "debug", echoScript().toString());
        assertTrue(plain[2].lines().allMatch(l -> l.startsWith("ftrun: ")), plain[2]);

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.time.Clock at = java.time.Clock.fixed(java.time.Instant.parse("2026-03-01T14:02:03.456Z"), java.time.ZoneOffset.UTC);
        new io.ftrun.dsl.ScriptLog(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), io.ftrun.dsl.ScriptLog.Level.INFO, at)
                .warn("disk nearly full");
        assertEquals("2026-03-01T14:02:03.456 ftrun: warn: disk nearly full\n", out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void compiledScriptsAreCachedByContent() throws Exception {
        Path cache = dir.resolve("cache");
        io.ftrun.dsl.internal.ScriptCompiler compiler = new io.ftrun.dsl.internal.ScriptCompiler(cache, getClass().getClassLoader(), "test");
        Class<?> first = compiler.compile("a.groovy", "println 1", false);
        Class<?> again = compiler.compile("a.groovy", "println 1", false);
        Class<?> other = compiler.compile("a.groovy", "println 2", false);
        try (var entries = Files.list(cache)) {
            assertEquals(2, entries.filter(Files::isDirectory).count(), "one entry per content");
        }
        assertEquals(first.getName(), again.getName());
        assertTrue(first != again, "loaded fresh from the cache, not compiled twice in one loader");
        assertEquals(first.getName(), other.getName());
        assertEquals(2, compiler.compilations(), "the second run of the same text was a cache hit");
        var fresh = new io.ftrun.dsl.internal.ScriptCompiler(cache, getClass().getClassLoader(), "test");
        fresh.compile("a.groovy", "println 1", false);
        assertEquals(0, fresh.compilations(), "a new process (a new compiler) finds it on disk");
        var newVersion = new io.ftrun.dsl.internal.ScriptCompiler(cache, getClass().getClassLoader(), "test-2");
        newVersion.compile("a.groovy", "println 1", false);
        assertEquals(1, newVersion.compilations(), "another ftrun version compiles afresh");
    }

    /** {@code --check} takes several scripts (a CI job checking a folder): each one's verdict, 2 if any fails. */
    @Test
    void checkTakesSeveralScriptsAndFailsIfAnyFails() throws Exception {
        Path good = echoScript();
        Path typo = Files.writeString(dir.resolve("typo.groovy"), "server('x') {\n    prot 1\n}\n");
        String[] r = ftrun("--no-cache", "--check", good.toString(), typo.toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("echo.groovy: OK (1 server(s), 1 client block(s))"), r[2]);
        assertTrue(r[2].contains("typo.groovy:2: "), r[2]);
        String[] both = ftrun("--no-cache", "--check", good.toString(), good.toString());
        assertEquals("0", both[0], both[2]);
        String[] run = ftrun("--no-cache", good.toString(), typo.toString());
        assertEquals("2", run[0]);
        assertTrue(run[2].contains("one script at a time (--check takes several)"), run[2]);
    }
}
