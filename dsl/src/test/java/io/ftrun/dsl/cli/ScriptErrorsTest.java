package io.ftrun.dsl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.ftrun.dsl.cli.DslExamplesTest.ftrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A script with a mistake exits 2 with {@code script.groovy:LINE: what is wrong}, and no stack trace. */
class ScriptErrorsTest {
    @TempDir
    Path dir;

    private String[] check(String name, String script, String... extra) throws Exception {
        Path file = Files.writeString(dir.resolve(name), script);
        String[] args = new String[extra.length + 3];
        args[0] = "--no-cache";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[args.length - 2] = "--check";
        args[args.length - 1] = file.toString();
        return ftrun(args);
    }

    private void assertScriptError(String[] r, String expected) {
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith(expected), "stderr should start with '" + expected + "' but was:\n" + r[2]);
        assertFalse(r[2].contains("\tat "), "no stack trace:\n" + r[2]);
    }

    @Test
    void misspeltMethodNamesItsLineAndSuggests() throws Exception {
        assertScriptError(check("typo.groovy", "server('x') {\n    port 0\n    framming 'lines'\n    echo()\n}\n"),
                "typo.groovy:3: unknown method framming('lines'); did you mean framing?");
    }

    @Test
    void misspeltMethodIsACompileErrorWhenTypeChecked() throws Exception {
        assertScriptError(check("typo.groovy", "server('x') {\n    port 0\n    framming 'lines'\n    echo()\n}\n", "--static"),
                "typo.groovy:3: [Static type checking] - Cannot find matching method");
    }

    @Test
    void everyDslNameIsSuggested() throws Exception {
        // rateLimit and tls were missing from the hand-kept list the suggestions used to come from
        assertScriptError(check("rate.groovy", "server {\n  port 0\n  rateLimt '1MB'\n  echo()\n}\n"),
                "rate.groovy:3: unknown method rateLimt('1MB'); did you mean rateLimit?");
        assertScriptError(check("tls.groovy", "client {\n  connect 'localhost', 1\n  tsl { trust 'ca.pem' }\n}\n"),
                "tls.groovy:3: unknown method tsl({ ... }); did you mean tls?");
    }

    @Test
    void syntaxErrorNamesALine() throws Exception {
        assertScriptError(check("broken.groovy", "server {\n    port 0\n    echo(\n"), "broken.groovy:");
    }

    @Test
    void badValuesAreExplained() throws Exception {
        assertScriptError(check("values.groovy", "server {\n  port 0\n  idleTimeout 'soon'\n  echo()\n}\n"),
                "values.groovy:3: idleTimeout: not a duration: 'soon' (expected e.g. 500ms, 30s, 2m, 1h)");
        assertScriptError(check("port.groovy", "server {\n  port 70000\n  echo()\n}\n"),
                "port.groovy:2: port must be a port number 0..65535, not 70000");
        assertScriptError(check("size.groovy", "server {\n  receiveFiles {\n    maxSize 'huge'\n  }\n}\n"),
                "size.groovy:3: maxSize: not a size: 'huge'");
        assertScriptError(check("framing.groovy", "server {\n  framing 'xml'\n  echo()\n}\n"),
                "framing.groovy:2: unknown framing 'xml'");
        assertScriptError(check("charset.groovy", "server {\n  framing 'lines', charset: 'klingon'\n  echo()\n}\n"),
                "charset.groovy:2: unknown charset 'klingon'");
        assertScriptError(check("protocol.groovy", "server {\n  receiveFiles {\n    protocol 'ftp'\n  }\n}\n"),
                "protocol.groovy:3: unknown protocol 'ftp' (expected raw, framed or auto)");
        assertScriptError(check("collision.groovy", "server {\n  receiveFiles {\n    naming original('clobber')\n  }\n}\n"),
                "collision.groovy:3: unknown onCollision 'clobber' (expected rename, overwrite or reject)");
        assertScriptError(check("pool.groovy", "server {\n  concurrency pool(0)\n  echo()\n}\n"),
                "pool.groovy:2: pool size must be at least 1, was 0");
        assertScriptError(check("drain.groovy", "health {\n  port 0\n  drainFrom 'balancer.local'\n}\n"),
                "drain.groovy:3: 'balancer.local' is not an IP address or CIDR range (like 10.0.0.0/8 or fd00::/8)");
        assertScriptError(check("token.groovy", "health {\n  port 0\n  drainToken ''\n}\n"),
                "token.groovy:3: the drain token is empty");
    }

    @Test
    void socketBuffersOutside1KBTo64MBAreRefusedWithTheirLine() throws Exception {
        assertScriptError(check("rcv.groovy", "server {\n  port 0\n  receiveBuffer 512\n  echo()\n}\n"),
                "rcv.groovy:3: receiveBuffer must be 1KB..64MB, not 512");
        assertScriptError(check("snd.groovy", "server {\n  port 0\n  echo()\n  sendBuffer '65MB'\n}\n"),
                "snd.groovy:4: sendBuffer must be 1KB..64MB, not '65MB'");
        assertScriptError(check("client.groovy", "client {\n  connect 'localhost', 1\n  receiveBuffer '0'\n}\n"),
                "client.groovy:3: receiveBuffer must be 1KB..64MB, not '0'");
        assertScriptError(check("clients.groovy", "clients(2) {\n  connect 'localhost', 1\n  sendBuffer '1GB'\n}\n", "--static"),
                "clients.groovy:3: sendBuffer must be 1KB..64MB, not '1GB'");
        assertScriptError(check("unit.groovy", "client {\n  connect 'localhost', 1\n  sendBuffer 'big'\n}\n"),
                "unit.groovy:3: sendBuffer: not a size: 'big'");
        assertScriptError(check("typo.groovy", "server {\n  port 0\n  recieveBuffer '1MB'\n  echo()\n}\n"),
                "typo.groovy:3: unknown method recieveBuffer('1MB'); did you mean receiveBuffer?");
        assertEquals("0", check("ok.groovy", "server {\n  port 0\n  receiveBuffer '1KB'\n  sendBuffer '64MB'\n  echo()\n}\n"
                + "client {\n  connect 'localhost', 1\n  receiveBuffer 1024\n  sendBuffer 67108864\n}\n")[0], "the bounds themselves are fine");
    }

    @Test
    void misplacedBlocksAreRefused() throws Exception {
        assertScriptError(check("nested.groovy", "server {\n  port 0\n  echo()\n  client { connect 'localhost', 1 }\n}\n"),
                "nested.groovy:4: client { } must be at the top level of the script, not inside server { }");
        assertScriptError(check("twohandlers.groovy", "server('s') {\n  echo()\n  reply 'x'\n}\n"),
                "twohandlers.groovy:3: server 's' already has a handler (echo); a server runs one handler");
        assertScriptError(check("nohandler.groovy", "server('s') {\n  port 0\n}\n"),
                "nohandler.groovy:1: server 's' has no handler");
        assertScriptError(check("noconnect.groovy", "client {\n  send 'x'\n}\n"),
                "noconnect.groovy:1: client 'client' has no connect");
        assertScriptError(check("lateplugins.groovy", "server { echo() }\nplugins { id 'upper' }\n"),
                "lateplugins.groovy:2: plugins { } must come before any server or client block");
        assertScriptError(check("noplugin.groovy", "plugins {\n  id 'nope'\n}\n"),
                "noplugin.groovy:2: no plugin with id 'nope'");
    }

    @Test
    void aBlockReachedAfterTheScriptWasReadFailsWithItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("late.groovy"), String.join("\n",
                "def s = server('late') {",
                "    host '127.0.0.1'",
                "    port 0",
                "    framing 'lines'",
                "    handle { Connection c ->",
                "        server { echo() }",
                "    }",
                "}",
                "client {",
                "    connect s",
                "    framing 'lines'",
                "    receive { Message m -> assert m == null }",
                "}",
                "afterClients { shutdown() }", ""));
        String[] r = ftrun("--no-cache", "--log-level", "warn", file.toString());
        assertEquals("1", r[0], "a handler that failed fails the run: " + r[2]);
        assertTrue(r[2].contains("late.groovy:6: server { } cannot be changed once the script has been read"), r[2]);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals("2", ftrun()[0]);
        assertEquals("2", ftrun("--bogus", "x.groovy")[0]);
        assertEquals("2", ftrun("no-such-script.groovy")[0]);
        String[] help = ftrun("--help");
        assertEquals("0", help[0]);
        for (io.ftrun.dsl.ExitCode c : io.ftrun.dsl.ExitCode.values()) {
            assertTrue(help[1].contains(String.format("  %3d  %s%n", c.code(), c.meaning())), "--help lists " + c + ":\n" + help[1]);
        }
        String[] version = ftrun("--version");
        assertTrue(version[1].startsWith("ftrun "), version[1]);
    }

    @Test
    void stacktraceOptionShowsTheTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("boom.groovy"), "server {\n  framming 'x'\n}\n");
        String[] r = ftrun("--no-cache", "--stacktrace", "--check", file.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("\tat "), r[2]);
    }

    @Test
    void paramsMayComeBeforeOrAfterTheScript() throws Exception {
        Path file = Files.writeString(dir.resolve("p.groovy"), "assert params.a == '1' && params.b == 'two=2'\n");
        assertEquals("0", ftrun("--no-cache", "-Pa=1", file.toString(), "-Pb=two=2")[0]);
    }
}
