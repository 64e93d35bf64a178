package io.ftrun.dsl.embed;

import io.ftrun.dsl.ScriptProblem;
import io.ftrun.core.event.Event;
import io.ftrun.dsl.RecordingLogger;
import io.ftrun.dsl.ScriptLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedding API on real loopback sockets: run, start/stop, reports, failures, script errors. */
@Timeout(60)
class FtrunRunnerTest {
    @TempDir
    Path dir;

    @Test
    void runReportsBytesFilesAndDurationPerServerAndPerClient() throws Exception {
        Path file = Scripts.randomFile(dir, "part.bin", 300_000, 1);
        Path inbox = dir.resolve("inbox");
        RunReport r = Ftrun.text("upload.groovy", Scripts.SELF_UPLOAD)
                .params(Map.of("dir", inbox, "file", file, "n", 3))
                .run();

        assertTrue(r.ok(), r::toString);
        ServerReport s = r.server("inbox");
        assertEquals(3, s.connections());
        assertEquals(3 * 300_000L, s.bytesIn());
        assertEquals(List.of("file_1.bin", "file_2.bin", "file_3.bin"), s.files().stream().sorted().toList());
        assertTrue(s.port() > 0);
        assertFalse(s.duration().isNegative());
        assertEquals(3, r.clients().size());
        for (ClientReport c : r.clients()) {
            assertTrue(c.ok(), c.problems()::toString);
            assertEquals(300_000L, c.bytesOut());
            assertEquals(List.of("part.bin"), c.files());
        }
        for (int i = 1; i <= 3; i++) {
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(inbox.resolve("file_" + i + ".bin")));
        }
    }

    @Test
    void startLeavesServersUpUntilStopAndThenReportsWhatTheyReceived() throws Exception {
        Path inbox = dir.resolve("inbox");
        Running running = Ftrun.text("receiver.groovy", Scripts.RECEIVER).param("dir", inbox).start();
        int port = running.port();
        assertEquals(Map.of("inbox", port), running.ports());
        assertTrue(running.isRunning());
        assertFalse(running.awaitStop(Duration.ofMillis(200)), "a server script runs until stopped");

        byte[] data = "the artifact".getBytes(StandardCharsets.UTF_8);
        Scripts.rawUpload(port, data);
        Scripts.rawUpload(port, data);

        RunReport r = running.stop();
        assertFalse(running.isRunning());
        assertTrue(r.ok(), r::toString);
        assertEquals(List.of("file_1.bin", "file_2.bin"), r.server("inbox").files());
        assertEquals(2L * data.length, r.server("inbox").bytesIn());
        assertArrayEquals(data, Files.readAllBytes(inbox.resolve("file_2.bin")));
        assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000),
                "stopped servers no longer listen");
        assertEquals(r, running.stop(), "stop is idempotent");
    }

    @Test
    void aFailedTransferMakesTheReportNotOkAndOrThrowThrows() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path file = Scripts.randomFile(dir, "a.bin", 10, 2);
        RunReport r = Ftrun.text("sender.groovy", Scripts.SENDER).params(Map.of("port", closedPort, "file", file)).run();
        assertFalse(r.ok());
        assertEquals(1, r.problems().size(), r::toString);
        ScriptProblem p = r.problems().get(0);
        assertTrue(p.located().matches("sender.groovy(:\\d+)?: client 'client' connect: cannot connect to 127.0.0.1:" + closedPort + ".*"),
                p.located());
        assertEquals(ScriptProblem.Code.CLIENT, p.code());
        assertEquals("client 'client' connect", p.block());
        assertTrue(p.cause() instanceof java.io.IOException, String.valueOf(p.cause()));
        assertFalse(r.clients().get(0).ok());
        TransferFailedException e = assertThrows(TransferFailedException.class, r::orThrow);
        assertEquals(r, e.report());
    }

    @Test
    void aTransferThatBreaksOffOnTheServerIsAServerFailure() throws Exception {
        try (Running running = Ftrun.text("receiver.groovy", """
                server('inbox') {
                    host '127.0.0.1'; port 0
                    receiveFiles { into params.dir; protocol 'framed' }
                }
                """).param("dir", dir.resolve("inbox")).start()) {
            Scripts.rawUpload(running.port(), "not the framed protocol".getBytes(StandardCharsets.UTF_8));
            RunReport r = running.stop();
            assertFalse(r.ok(), r::toString);
            ScriptProblem p = r.problems().get(0);
            assertTrue(p.located().startsWith("receiver.groovy: server 'inbox': "), p.located());
            assertEquals(ScriptProblem.Code.SERVER, p.code());
            assertEquals(1, r.server("inbox").problems().size(), r::toString);
        }
    }

    @Test
    void relativePathsResolveAgainstTheBaseDirInServerAndClientBlocksAlike() throws Exception {
        // As a module of a multi-module build runs it: the base directory is the module's, not the JVM's.
        Path module = Files.createDirectories(dir.resolve("module"));
        Scripts.randomFile(Files.createDirectories(module.resolve("target")), "app.jar", 5000, 3);
        RunReport r = Ftrun.text("deploy.groovy", """
                def inbox = server('inbox') {
                    host '127.0.0.1'; port 0
                    receiveFiles { into 'inbox'; protocol 'framed' }
                }
                client {
                    connect inbox
                    protocol 'framed'
                    sendFile 'target/app.jar'
                }
                """).baseDir(module).run();
        assertTrue(r.ok(), r::toString);
        assertArrayEquals(Files.readAllBytes(module.resolve("target/app.jar")), Files.readAllBytes(module.resolve("inbox/app.jar")));
        assertFalse(Files.exists(Path.of("inbox")), "nothing lands in the JVM's working directory");
    }

    @Test
    void scriptErrorsThrowWithTheScriptLine() {
        FtrunException e = assertThrows(FtrunException.class, () -> Ftrun.text("bad.groovy", "\nserver('x') { port 0 }\n").start());
        assertEquals("bad.groovy:2: server 'x' has no handler: add one of echo, reply, greet, chat, receiveFiles or handle", e.getMessage());
        FtrunException c = assertThrows(FtrunException.class, () -> Ftrun.text("typo.groovy", "sever('x') { echo() }").check());
        assertTrue(c.getMessage().startsWith("typo.groovy:1: unknown method sever"), c.getMessage());
        FtrunException missing = assertThrows(FtrunException.class, () -> Ftrun.script(dir.resolve("nope.groovy")).run());
        assertTrue(missing.getMessage().startsWith("no such script: "), missing.getMessage());
    }

    @Test
    void typeCheckedRejectsWhatTheDynamicModeOnlyFindsAtRunTime() {
        String text = "server('x') { port 0; echo(); bogus 1 }";
        assertThrows(FtrunException.class, () -> Ftrun.text("t.groovy", text).typeChecked(true).check());
        assertEquals("ok.groovy: 1 server(s), 0 client block(s)",
                Ftrun.text("ok.groovy", "server('x') { port 0; echo() }").typeChecked(true).check());
        // What the README's editor set-up suggests: naming the base class changes nothing for the runner.
        assertEquals("based.groovy: 1 server(s), 0 client block(s)", Ftrun.text("based.groovy",
                "@groovy.transform.BaseScript io.ftrun.dsl.FtrunScript ftrun\nserver('x') { port 0; echo() }").typeChecked(true).check());
    }

    @Test
    void shutdownInTheScriptEndsTheRunByItself() throws Exception {
        Running running = Ftrun.text("once.groovy", """
                server('once') {
                    host '127.0.0.1'; port 0
                    handle { conn -> conn.send('bye'); shutdown() }
                }
                """).start();
        try (Socket s = new Socket("127.0.0.1", running.port())) {
            s.getInputStream().readAllBytes();
        }
        assertTrue(running.awaitStop(Duration.ofSeconds(20)));
        assertEquals(1, running.result().server("once").connections());
    }

    @Test
    void listenersAndTheLogSeeTheRun() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path file = Scripts.randomFile(dir, "f.bin", 1000, 3);
        RunReport r = Ftrun.text("up.groovy", Scripts.SELF_UPLOAD + "\nlog.info 'declared'\n")
                .params(Map.of("dir", dir.resolve("in"), "file", file))
                .listener(events::add)
                .log(new PrintStream(log, true, StandardCharsets.UTF_8), ScriptLog.Level.INFO)
                .run();
        assertTrue(r.ok(), r::toString);
        assertTrue(events.stream().anyMatch(e -> e.type().equals("file-received")), events::toString);
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ftrun: declared"), text);
        assertTrue(text.contains("server 'inbox' listening on 127.0.0.1:"), text);
        assertTrue(text.contains("received file_1.bin"), text);
    }

    @Test
    void logLinesGoToAConsumerSuchAsABuildToolsLogger() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Ftrun.text("l.groovy", "log.warn 'careful'\nlog.info 'two'\nlog.debug 'hidden'")
                .log(ScriptLog.Level.INFO, lines::add).run().orThrow();
        assertEquals(List.of("ftrun: warn: careful", "ftrun: two"), lines);
    }

    /** A System.Logger gets the script's lines and the run's, each at its level, and shows what it is set to. */
    @Test
    void aSystemLoggerGetsTheScriptsAndTheRunsLinesAtTheirLevels() throws Exception {
        RecordingLogger logger = new RecordingLogger(System.Logger.Level.INFO);
        Path file = Scripts.randomFile(dir, "f.bin", 1000, 4);
        Ftrun.text("up.groovy", Scripts.SELF_UPLOAD + "\nlog.warn 'careful'\nlog.debug 'hidden'\n")
                .params(Map.of("dir", dir.resolve("in"), "file", file))
                .log(logger).run().orThrow();
        assertTrue(logger.lines.contains("WARNING careful"), logger.lines::toString);
        assertTrue(logger.lines.stream().anyMatch(l -> l.startsWith("INFO server 'inbox' listening on 127.0.0.1:")), logger.lines::toString);
        assertTrue(logger.lines.stream().anyMatch(l -> l.startsWith("INFO received file_1.bin")), logger.lines::toString);
        assertTrue(logger.lines.stream().noneMatch(l -> l.startsWith("DEBUG")), logger.lines::toString);
    }

    /**
     * With no log given, a run logs to the System.Logger io.ftrun.script: with no other backend installed, the
     * java.util.logging logger of that name, whose level and handlers the program sets.
     */
    @Test
    void byDefaultTheRunLogsToTheSystemLoggerIoFtrunScript() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(ScriptLog.LOGGER_NAME);
        List<java.util.logging.LogRecord> records = new CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level level = jul.getLevel();
        boolean parents = jul.getUseParentHandlers();
        jul.addHandler(handler);
        jul.setUseParentHandlers(false);
        try {
            jul.setLevel(java.util.logging.Level.WARNING);
            Ftrun.text("l.groovy", "log.error 'broken'\nlog.warn 'careful'\nlog.info 'not shown at WARNING'").run().orThrow();
            assertEquals(List.of("SEVERE broken", "WARNING careful"), records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList());

            records.clear();
            jul.setLevel(java.util.logging.Level.ALL);
            Ftrun.text("l.groovy", "log.info 'two'\nlog.debug 'three'").run().orThrow();
            assertEquals(List.of("INFO two", "FINE three"), records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList());
        } finally {
            jul.removeHandler(handler);
            jul.setUseParentHandlers(parents);
            jul.setLevel(level);
        }
    }
}
