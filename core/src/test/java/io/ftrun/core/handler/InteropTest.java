package io.ftrun.core.handler;

import io.ftrun.core.Message;
import io.ftrun.core.Server;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The built-in handlers answer the peers the tutorials use, unchanged: Python {@code socket} scripts (one
 * {@code send} per message, no newline, so the servers use the {@code chunks} codec) and line tools
 * ({@code nc}, {@code socat}, so the servers use {@code lines}).
 */
class InteropTest {
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(20);
    static final String OI = "Oi you sent something to me";

    /** A line tool connected to the server: sends its stdin, half-closes at its end, prints what it receives. */
    static Peer lineTool(String tool, Server s, String stdin) throws Exception {
        if (tool.equals("nc")) return Peer.start(PEER_TIMEOUT, stdin, "nc", "-N", "127.0.0.1", String.valueOf(s.port()));
        return Peer.start(PEER_TIMEOUT, stdin, "socat", "-t", "10", "-", "TCP:127.0.0.1:" + s.port());
    }

    @Test
    void echoAnswersTheTutorialPythonEchoClient() throws Exception {
        try (Server s = Server.start(Local.server(Handlers.echo()).codec(Codecs.chunks(1024)).build())) {
            Peer.Result r = Peer.python(PEER_TIMEOUT, null, "echo_client.py", "127.0.0.1", s.port(),
                    "Hello, server! This is a test message.").awaitSuccess();
            assertEquals("Received from server: Hello, server! This is a test message.\n", r.stdout());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nc", "socat"})
    void echoLinesAnswersLineTools(String tool) throws Exception {
        try (Server s = Server.start(Local.server(Handlers.echo()).codec(Codecs.lines()).build())) {
            Peer.Result r = lineTool(tool, s, "one\ntwo\r\n\nwörld\n").awaitSuccess();
            assertEquals("one\ntwo\n\nwörld\n", r.stdout(), "each line echoed, a CR before the newline dropped");
        }
    }

    @Test
    void replyAnswersEveryMessageOfTheTutorialChatClient() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Handlers.Responder oi = (conn, m) -> {
            received.add(m.text());
            return OI;
        };
        try (Server s = Server.start(Local.server(Handlers.reply(oi)).codec(Codecs.chunks(1024)).build())) {
            Peer.Result r = Peer.python(PEER_TIMEOUT, "hello\nhow are you\nbye\n", "chat_client.py", "127.0.0.1", s.port()).awaitSuccess();
            assertEquals(2, r.stdout().split("Server response: " + OI + "\n", -1).length - 1, r.stdout());
            assertEquals(List.of("hello", "how are you"), received.subList(0, 2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nc", "socat"})
    void replyAnswersEveryLineOfLineTools(String tool) throws Exception {
        try (Server s = Server.start(Local.server(Handlers.reply(OI)).codec(Codecs.lines()).build())) {
            Peer.Result r = lineTool(tool, s, "a\nb\nc\n").awaitSuccess();
            assertEquals((OI + "\n").repeat(3), r.stdout());
        }
    }

    @Test
    void greeterTalksWithTheTutorialPythonClient() throws Exception {
        List<String> answers = new CopyOnWriteArrayList<>();
        var greeter = Handlers.greeter("Hi! I am server\n", Duration.ZERO, 3, (c, m) -> answers.add(m.text()));
        try (Server s = Server.start(Local.server(greeter).codec(Codecs.chunks(1024)).build())) {
            Peer.Result r = Peer.python(PEER_TIMEOUT, null, "greeter_client.py", "127.0.0.1", s.port()).awaitSuccess();
            assertEquals("Hi! I am server\n".repeat(3), r.stdout());
            assertEquals(List.of("HI! I am client.", "HI! I am client.", "HI! I am client."), answers);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nc", "socat"})
    void greeterTalksWithLineTools(String tool) throws Exception {
        List<Message> answers = new CopyOnWriteArrayList<>();
        var greeter = Handlers.greeter("Hi! I am server", Duration.ZERO, 2, (c, m) -> answers.add(m));
        try (Server s = Server.start(Local.server(greeter).codec(Codecs.lines()).build())) {
            Peer.Result r = lineTool(tool, s, "HI! I am client.\nHI! I am client.\n").awaitSuccess();
            assertEquals("Hi! I am server\nHi! I am server\n", r.stdout());
            assertEquals(List.of(Message.of("HI! I am client."), Message.of("HI! I am client.")), answers);
        }
    }
}
