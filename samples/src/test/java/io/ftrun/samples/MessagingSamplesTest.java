package io.ftrun.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.ftrun.samples.FtrunProcess.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The messaging samples, driven by the tutorials' own kind of clients and by nc and socat. */
class MessagingSamplesTest {
    private static final Duration PEER = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void echoServerAnswersPythonNcSocatAndTheEchoClientSample() throws Exception {
        try (FtrunProcess server = FtrunProcess.start(dir, sample("echo-server.groovy"), "-Pport=0")) {
            String port = String.valueOf(server.port());

            Peers.Result py = Peers.run(PEER, null, "python3", Peers.python("echo_client.py", dir).toString(), "127.0.0.1", port);
            assertEquals("Received from server: Hello, server! This is a test message.\n", py.stdout(), py.stderr());

            Path input = Files.writeString(dir.resolve("lines.txt"), "one\ntwo\nthree\n");
            Peers.Result nc = Peers.run(PEER, input, "nc", "-N", "127.0.0.1", port);
            assertEquals("one\ntwo\nthree\n", nc.stdout(), nc.stderr());

            Peers.Result socat = Peers.run(PEER, input, "socat", "-t", "5", "-", "TCP:127.0.0.1:" + port);
            assertEquals("one\ntwo\nthree\n", socat.stdout(), socat.stderr());

            FtrunProcess client = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("echo-client.groovy"),
                    "-Phost=127.0.0.1", "-Pport=" + port, "-Pmessage=ping from the sample");
            assertEquals(0, client.exitCode(), client.stderr());
            assertEquals("Received from server: ping from the sample\n", client.stdout());

            assertEquals(143, server.terminate(), server.stderr());
            assertTrue(server.stderr().contains("server 'echo' stopped: 4 connection(s) served"), server.stderr());
        }
    }

    @Test
    void chatServerAnswersEveryMessageOfEveryTutorialClient() throws Exception {
        try (FtrunProcess server = FtrunProcess.start(dir, sample("chat-server.groovy"), "-Pport=0")) {
            String port = String.valueOf(server.port());
            Path client = Peers.python("chat_client.py", dir);
            List<Peers.Result> results = Peers.runConcurrently(5, PEER,
                    i -> List.of("python3", client.toString(), "127.0.0.1", port, "hello " + i, "how are you " + i, "bye"));
            for (Peers.Result r : results) {
                assertEquals("Server response: Oi you sent something to me\n".repeat(2), r.stdout(), r.stderr());
            }
            server.terminate();
            for (int i = 0; i < 5; i++) {
                assertTrue(server.stderr().contains("Client sent: how are you " + i), server.stderr());
            }
        }
    }

    @Test
    void greeterGreetsInALoopAndHearsTheAnswers() throws Exception {
        try (FtrunProcess server = FtrunProcess.start(dir, sample("greeter-server.groovy"), "-Pport=0", "-Pevery=20ms")) {
            String port = String.valueOf(server.port());
            Peers.Result r = Peers.run(PEER, null, "python3", Peers.python("greeter_client.py", dir).toString(), "127.0.0.1", port, "5");
            assertEquals("Hi! I am server\n".repeat(5), r.stdout(), r.stderr());
            server.terminate();
            int answers = server.stderr().split("client says: HI! I am client\\.", -1).length - 1;
            assertTrue(answers >= 4, "the server logs the client's answers:\n" + server.stderr());
        }
    }

    @Test
    void chatRoomBroadcastsLinesToTheOtherMembers() throws Exception {
        try (FtrunProcess server = FtrunProcess.start(dir, sample("chat-room.groovy"), "-Pport=0")) {
            String port = String.valueOf(server.port());
            Path member = Peers.python("line_client.py", dir);
            Process listener = Peers.start(List.of("python3", member.toString(), "127.0.0.1", port, "3"), null);
            Thread.sleep(800); // the listener joins first
            Peers.Result speaker = Peers.run(PEER, null, "python3", member.toString(), "127.0.0.1", port, "0.5", "hello room", "second line");
            Peers.Result heard = Peers.finish(listener, PEER);
            assertTrue(heard.stdout().matches("(?s).*\\* 127\\.0\\.0\\.1:\\d+ joined\n.*"), heard.stdout());
            assertTrue(heard.stdout().matches("(?s).*127\\.0\\.0\\.1:\\d+: hello room\n127\\.0\\.0\\.1:\\d+: second line\n.*"), heard.stdout());
            assertTrue(heard.stdout().matches("(?s).*\\* 127\\.0\\.0\\.1:\\d+ left\n.*"), heard.stdout());
            assertTrue(!speaker.stdout().contains("hello room"), "a member does not hear itself: " + speaker.stdout());
            server.terminate();
        }
    }

    @Test
    void customPluginAddsAHandlerBlock() throws Exception {
        String classes = FtrunProcess.ROOT.resolve("samples/target/classes").toString();
        try (FtrunProcess server = FtrunProcess.start(dir, "--plugins", classes, sample("shout.groovy"), "-Pport=0")) {
            Path input = Files.writeString(dir.resolve("in.txt"), "hello\nquiet please\n");
            Peers.Result nc = Peers.run(PEER, input, "nc", "-N", "127.0.0.1", String.valueOf(server.port()));
            assertEquals("> HELLO!\n> QUIET PLEASE!\n", nc.stdout(), nc.stderr());
            server.terminate();
        }
        FtrunProcess without = FtrunProcess.run(dir, Duration.ofSeconds(60), sample("shout.groovy"), "-Pport=0");
        assertEquals(2, without.exitCode());
        assertTrue(without.stderr().startsWith("shout.groovy:6: no plugin with id 'shout'"), without.stderr());
    }

    @Test
    void ctrlCStopsAServerGracefullyWithExitCode130() throws Exception {
        try (FtrunProcess server = FtrunProcess.start(dir, sample("chat-server.groovy"), "-Pport=0")) {
            String port = String.valueOf(server.port());
            // A client in the middle of a conversation when Ctrl-C arrives: it may finish within the grace period.
            Process talker = Peers.start(List.of("python3", Peers.python("chat_client.py", dir).toString(), "127.0.0.1", port, "one", "two", "bye"), null);
            Peers.Result r = Peers.finish(talker, PEER);
            assertEquals("Server response: Oi you sent something to me\n".repeat(2), r.stdout(), r.stderr());
            server.interrupt();
            assertEquals(130, server.awaitExit(Duration.ofSeconds(30)), server.stderr());
            assertTrue(server.stderr().contains("server 'chat' stopped: 1 connection(s) served"), server.stderr());
        }
    }
}
