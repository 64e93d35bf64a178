package io.ftrun.dsl.embed;

import io.ftrun.dsl.cli.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run has one outcome, whoever asks: the command line's exit code, the embedding API's report and the health
 * port's {@code /metrics} count the same failures (issue 13, section 3).
 */
@Timeout(60)
class OneOutcomeTest {
    @TempDir
    Path dir;

    /** A framed receiver, a client that speaks something else and succeeds at it, then the script ends itself. */
    private static final String SERVER_SIDE_FAILURE = """
            def inbox = server('inbox') {
                host '127.0.0.1'; port 0
                receiveFiles { into params.dir; protocol 'framed' }
            }
            client {
                connect inbox
                send 'not the framed protocol'
            }
            afterClients { results ->
                assert results.every { it.ok }   // the client's side went well
                shutdown()
            }
            """;

    @Test
    void aServerSideFailureFailsTheCommandLineAsItFailsTheReport() throws Exception {
        Path script = Files.writeString(dir.resolve("upload.groovy"), SERVER_SIDE_FAILURE);
        String[] r = CliHarness.ftrun("--no-cache", script.toString(), "-Pdir=" + dir.resolve("inbox"));
        assertEquals("1", r[0], r[2]);
        assertTrue(r[2].contains("server 'inbox': 1 failure(s):\n  rejected a session from 127.0.0.1:"), r[2]); // not "rejected null"

        RunReport report = Ftrun.text("upload.groovy", SERVER_SIDE_FAILURE).param("dir", dir.resolve("inbox2")).run();
        assertFalse(report.ok(), report::toString);
        assertEquals(1, report.problems().size(), report::toString);
        assertTrue(report.problems().get(0).located().startsWith("upload.groovy: server 'inbox': rejected a session from 127.0.0.1:"), report.problems().get(0).located());
    }

    /** An embedding program reads the same code the command line exits with, by its name. */
    @Test
    void theReportsExitCodeIsTheCommandLines() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String text = "client { connect '127.0.0.1', " + closed + "; send 'hi' }\n";
        Path script = Files.writeString(dir.resolve("nobody.groovy"), text);
        assertEquals("3", CliHarness.ftrun("--no-cache", script.toString())[0]);
        RunReport report = Ftrun.text("nobody.groovy", text).run();
        assertEquals(io.ftrun.dsl.ExitCode.CONNECT_FAILED, report.exitCode(), report::toString);
        assertEquals(io.ftrun.dsl.ExitCode.OK, Ftrun.text("fine.groovy", "println 'fine'\n").run().exitCode());
    }

    @Test
    void metricsCountWhatTheReportCounts() throws Exception {
        int healthPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            healthPort = s.getLocalPort();
        }
        try (Running running = Ftrun.text("receiver.groovy", """
                server('inbox') {
                    host '127.0.0.1'; port 0
                    maxConnections 1
                    receiveFiles { into params.dir; protocol 'framed' }
                }
                health { port params.health as int }
                """).param("dir", dir.resolve("inbox")).param("health", healthPort).start()) {
            int port = running.port();
            exchange(port, "garbage, not a HELLO\n");                     // a failure: rejected, PROTOCOL
            // its slot is free only once the server has closed it, a moment after this client read the end
            waitFor(() -> metric(healthPort, "ftrun_connections_active") == 0);
            try (Socket holder = connect(port)) {                        // takes the one slot
                waitFor(() -> metric(healthPort, "ftrun_connections_active") == 1);
                String busy = exchange(port, "");                       // refused BUSY: policy, not a failure
                assertTrue(busy.length() > 0, "the refusal is an ERROR frame");
                holder.getOutputStream().write("more garbage".getBytes(StandardCharsets.US_ASCII));
                holder.shutdownOutput();
                holder.getInputStream().readAllBytes();
            }
            waitFor(() -> metric(healthPort, "ftrun_connections_active") == 0);
            long failures = metric(healthPort, "ftrun_failures_total");
            long refused = metric(healthPort, "ftrun_connections_refused_total");
            long failedConnections = metric(healthPort, "ftrun_connections_failed_total");

            RunReport report = running.stop();
            ServerReport inbox = report.server("inbox");
            assertEquals(2, inbox.problems().size(), report::toString);
            assertEquals(inbox.problems().size(), failures, "/metrics and the report count the same failures");
            assertEquals(1, inbox.refused());
            assertEquals(inbox.refused(), refused);
            assertEquals(2, failedConnections, "the refused connection is not a failed one");
        }
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(15_000);
        return s;
    }

    /** Sends {@code text}, closes the sending side, and reads what the server says until it closes. */
    private static String exchange(int port, String text) throws Exception {
        try (Socket s = connect(port)) {
            s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketException reset) {
                return "reset";
            }
        }
    }

    private static long metric(int port, String name) {
        try (Socket s = connect(port)) {
            s.getOutputStream().write("GET /metrics HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String page = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (String line : page.split("\n")) {
                if (line.startsWith(name + "{server=\"inbox\"} ")) return Long.parseLong(line.substring(line.indexOf("} ") + 2).trim());
            }
            throw new AssertionError(name + " not in\n" + page);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 10 s");
            Thread.sleep(10);
        }
    }
}
