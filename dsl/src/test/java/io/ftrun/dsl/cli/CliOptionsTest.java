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
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"schema\":1,\"type\":\"") && l.endsWith("}")), r[1]);
        List<String> types = lines.stream().map(CliOptionsTest::type).collect(Collectors.toList());
        assertTrue(types.containsAll(List.of("server-started", "connection-opened", "connection-closed", "server-stopped")), types.toString());
        assertTrue(r[1].contains("\"reason\":\"completed\""), r[1]);
        assertFalse(r[1].contains("\u001b"), "no raw control characters in JSON");
        assertEquals(1, types.stream().filter("run-finished"::equals).count(), types.toString());
        assertTrue(last(lines).matches("\\{\"schema\":1,\"type\":\"run-finished\",\"time\":\"[^\"]+\",\"exitCode\":0,\"exit\":\"ok\","
                + "\"ok\":true,\"clients\":1,\"clientsFailed\":0,\"failures\":0,\"tookMs\":\\d+}"), last(lines));
    }

    private static String type(String line) {
        int at = line.indexOf("\"type\":\"") + 8;
        return line.substring(at, line.indexOf('"', at));
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static List<String> jsonLines(String text) {
        return text.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    /** A failed run's last line carries the code the process exits with, and why: here 3, nothing listens on the port. */
    @Test
    void theLastEventLineCarriesTheExitCodeOfAFailedRun() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path script = Files.writeString(dir.resolve("down.groovy"), "client {\n  connect '127.0.0.1', " + closed + "\n  framing 'lines'\n  send 'hi'\n}\n");
        String[] r = ftrun("--no-cache", "--events", "json", script.toString());
        assertEquals("3", r[0], r[2]);
        List<String> lines = jsonLines(r[1]);
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"schema\":1,")), r[1]);
        assertEquals("run-finished", type(last(lines)), r[1]);
        assertTrue(last(lines).contains("\"exitCode\":3,\"exit\":\"connect-failed\",\"ok\":false,\"clients\":1,\"clientsFailed\":1,\"failures\":1,"
                + "\"firstFailure\":\"down.groovy:2: client 'client' connect: cannot connect to 127.0.0.1:" + closed), last(lines));

        // a server that cannot start: no run at all, exit 1, and the line says why
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path busy = Files.writeString(dir.resolve("busy.groovy"), "server('s') { host '127.0.0.1'; port " + taken.getLocalPort() + "; echo() }\n");
            String[] b = ftrun("--no-cache", "--events", "json", busy.toString());
            assertEquals("1", b[0], b[2]);
            String end = last(jsonLines(b[1]));
            assertTrue(end.startsWith("{\"schema\":1,\"type\":\"run-finished\","), b[1]);
            assertTrue(end.contains("\"exitCode\":1,\"exit\":\"failed\",\"ok\":false,\"clients\":0,\"clientsFailed\":0,\"failures\":1,"
                    + "\"firstFailure\":\"busy.groovy:1: server 's'"), end);
        }
    }

    /**
     * Standard output is the script's own ({@code println}) and, without {@code --events-file}, the event lines
     * too; with it, the events go to the file alone and standard output keeps only the script's lines. Main is
     * given System.out as {@code ftrun} gives it, since that is where a script's println goes.
     */
    @Test
    void eventsFileKeepsTheEventsApartFromTheScriptsPrintln() throws Exception {
        Path script = Files.writeString(dir.resolve("talk.groovy"), "println 'from the script'\n"
                + new String(Files.readAllBytes(echoScript()), java.nio.charset.StandardCharsets.UTF_8));
        Path events = dir.resolve("events.jsonl");
        String[] toFile = withSystemOut("--no-cache", "--events", "json", "--events-file", events.toString(), script.toString());
        assertEquals("0", toFile[0], toFile[2]);
        assertEquals("from the script\n", toFile[1], "only the script's own line on stdout");
        List<String> fromFile = Files.readAllLines(events);
        assertTrue(fromFile.stream().allMatch(l -> l.startsWith("{\"schema\":1,\"type\":\"")), fromFile.toString());
        assertEquals("run-finished", type(last(fromFile)), fromFile.toString());

        String[] mixed = withSystemOut("--no-cache", "--events", "json", script.toString());
        assertEquals("0", mixed[0], mixed[2]);
        List<String> lines = jsonLines(mixed[1]);
        assertTrue(lines.contains("from the script"), mixed[1]);
        assertEquals("run-finished", type(last(lines)), mixed[1]);
    }

    /** {exit code, stdout, stderr} of ftrun run with System.out as its standard output, as the command runs. */
    private static String[] withSystemOut(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        java.io.PrintStream saved = System.out;
        int code;
        System.setOut(stdout);
        try {
            code = new Main(stdout, new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)).run(args);
        } finally {
            System.setOut(saved);
        }
        return new String[]{String.valueOf(code), out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString(java.nio.charset.StandardCharsets.UTF_8)};
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
