package io.ftrun.dsl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.ftrun.dsl.cli.DslExamplesTest.ftrun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each class of failure exits with its own code (io.ftrun.dsl.ExitCode), in real runs against real peers. */
class ExitCodesTest {
    @TempDir
    Path dir;

    private String[] run(String... scriptLines) throws Exception {
        Path script = Files.writeString(dir.resolve("run.groovy"), String.join("\n", scriptLines) + "\n");
        return ftrun("--no-cache", script.toString());
    }

    private static void assertExit(int expected, String[] r) {
        assertEquals(String.valueOf(expected), r[0], "exit code; stderr:\n" + r[2]);
    }

    private Path file(String name, int size) throws Exception {
        return Files.write(dir.resolve(name), new byte[size]);
    }

    /** A port nothing listens on: one just closed. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aClosedPortIsConnectFailed() throws Exception {
        String[] r = run("client {", "  connect '127.0.0.1', " + closedPort(), "  framing 'lines'", "  send 'hi'", "}");
        assertExit(3, r);
        assertTrue(r[2].contains("Connection refused"), r[2]);
    }

    /** {@code .invalid} never resolves (RFC 6761); trying again a second later would not help, so it is not tried again. */
    @Test
    void aHostNameThatDoesNotResolveIsConnectFailedAndNotRetried() throws Exception {
        String[] r = run("client {", "  connect 'no-such-host.invalid', 9", "  retries 3", "  framing 'lines'", "  send 'hi'", "}");
        assertExit(3, r);
        assertTrue(r[2].contains("client 'client' connect: cannot resolve host no-such-host.invalid"), r[2]);
        assertFalse(r[2].contains("attempt"), "no attempt was repeated:\n" + r[2]);
    }

    /** A file to send that is not there is the command's mistake; the client says so before it connects to anything. */
    @Test
    void aFileToSendThatIsMissingIsAUsageErrorFoundBeforeConnecting() throws Exception {
        try (ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).configureBlocking(false);
            int port = ((InetSocketAddress) listening.getLocalAddress()).getPort();
            Path missing = dir.resolve("missing.txt");
            for (String step : new String[]{"sendFile", "sendFiles"}) {
                String[] r = run("client {", "  connect '127.0.0.1', " + port, "  protocol 'framed'", "  " + step + " '" + missing + "'", "}");
                assertExit(2, r);
                assertTrue(r[2].startsWith("run.groovy:4: client 'client' " + step + ": no such file: " + missing), r[2]);
                // a connection made would be waiting here, its handshake done before the client went on
                assertEquals(null, listening.accept(), "the client connected to nothing");
            }
        }
    }

    /** A server whose kernel accepts the connection and that never reads or answers. */
    @Test
    void aServerThatNeverAnswersIsTimedOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String[] r = run("client {", "  connect '127.0.0.1', " + silent.getLocalPort(), "  idleTimeout '300ms'",
                    "  framing 'lines'", "  send 'hi'", "  expect 'ho'", "}");
            assertExit(4, r);
            assertTrue(r[2].contains("client 'client' expect: no answer from 127.0.0.1:" + silent.getLocalPort() + " for 300 ms"), r[2]);
            Path f = file("a.bin", 10);
            String[] framed = run("client {", "  connect '127.0.0.1', " + silent.getLocalPort(), "  idleTimeout '300ms'",
                    "  protocol 'framed'", "  sendFile '" + f + "'", "}");
            assertExit(4, framed);
            assertTrue(framed[2].contains("did not answer HELLO"), framed[2]);
        }
    }

    private static final String RECEIVER = String.join("\n",
            "def inbox = server('inbox') {", "  host '127.0.0.1'", "  port 0",
            "  receiveFiles { into params.inbox; protocol 'framed'; maxSize '1KB'; token file: params.token }", "}");

    private String[] send(String tokenFile, String... files) throws Exception {
        Files.writeString(dir.resolve("token.txt"), "right");
        Files.writeString(dir.resolve("wrong.txt"), "wrong");
        StringBuilder names = new StringBuilder();
        for (String f : files) names.append(names.length() == 0 ? "" : ", ").append("'").append(dir.resolve(f)).append("'");
        Path script = Files.writeString(dir.resolve("send.groovy"), String.join("\n", RECEIVER,
                "client { connect inbox; protocol 'framed'; token file: '" + dir.resolve(tokenFile) + "'; sendFiles " + names + " }",
                "afterClients { shutdown() }", ""));
        return ftrun("--no-cache", "-Pinbox=" + dir.resolve("in"), "-Ptoken=" + dir.resolve("token.txt"), script.toString());
    }

    @Test
    void aRefusalByTheReceiverIsRefused() throws Exception {
        file("small.bin", 100);
        file("big.bin", 4096);
        String[] token = send("wrong.txt", "small.bin");
        assertExit(5, token);
        assertTrue(token[2].contains("the receiver refused the session: wrong token"), token[2]);
        String[] tooLarge = send("token.txt", "big.bin");
        assertExit(5, tooLarge);
        assertTrue(tooLarge[2].contains("0 of 1 file(s) confirmed; not confirmed: big.bin (too-large"), tooLarge[2]);
    }

    @Test
    void someFilesStoredAndOthersRefusedIsPartial() throws Exception {
        file("small.bin", 100);
        file("big.bin", 4096);
        String[] r = send("token.txt", "small.bin", "big.bin");
        assertExit(7, r);
        assertTrue(r[2].contains("1 of 2 file(s) confirmed; not confirmed: big.bin (too-large"), r[2]);
        assertTrue(Files.exists(dir.resolve("in/small.bin")));
    }

    /** A python peer speaking the framed protocol, whose DONE carries a digest that is not the sender's. */
    @Test
    void aDigestThatDiffersIsVerificationFailed() throws Exception {
        Path peer = dir.resolve("wrong_digest_receiver.py");
        try (InputStream in = getClass().getResourceAsStream("/peers/wrong_digest_receiver.py")) {
            Files.copy(in, peer);
        }
        Process p = new ProcessBuilder("python3", peer.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String port = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            Path f = file("a.bin", 5000);
            String[] r = run("client {", "  connect '127.0.0.1', " + port, "  protocol 'framed'", "  sendFile '" + f + "'", "}");
            assertExit(6, r);
            assertTrue(r[2].contains("a.bin (digest-mismatch: "), r[2]);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the peer ends with the session");
        } finally {
            p.destroyForcibly();
        }
    }
}
