package io.ftrun.core.handler;

import io.ftrun.core.Client;
import io.ftrun.core.Connection;
import io.ftrun.core.Message;
import io.ftrun.core.Server;
import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.support.Eventually;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** Built-in handler details the interop tests do not reach. */
class HandlersTest {
    static Connection client(Server s, Codec codec) throws Exception {
        return Client.connect(Local.client(s).codec(codec).build());
    }

    @Test
    void echoKeepsMessageBoundariesWithMessageCodecs() throws Exception {
        Codec framed = Codecs.lengthPrefixed(1 << 16);
        try (Server s = Server.start(Local.server(Handlers.echo()).codec(framed).build());
             Connection c = client(s, framed)) {
            c.send("first");
            c.send("");
            c.send("x".repeat(40_000));
            assertEquals("first", c.receive().text());
            assertEquals("", c.receive().text());
            assertEquals(40_000, c.receive().size());
        }
    }

    @Test
    void replySendsWhateverTheResponderReturnsAndNothingForNull() throws Exception {
        Handlers.Responder answers = (conn, m) -> {
            switch (m.text()) {
                case "bytes": return "as bytes".getBytes(StandardCharsets.UTF_8);
                case "message": return Message.of("as message");
                case "silence": return null;
                default: return "you said " + m.text();
            }
        };
        try (Server s = Server.start(Local.server(Handlers.reply(answers)).codec(Codecs.lines()).build());
             Connection c = client(s, Codecs.lines())) {
            for (String m : List.of("bytes", "message", "silence", "text")) c.send(m);
            assertEquals("as bytes", c.receive().text());
            assertEquals("as message", c.receive().text());
            assertEquals("you said text", c.receive().text(), "null sent nothing");
        }
    }

    @Test
    void greeterRepeatsUntilThePeerLeavesWhenRoundsAreUnlimited() throws Exception {
        List<String> answers = new CopyOnWriteArrayList<>();
        var greeter = Handlers.greeter("Hi! I am server", Duration.ofMillis(20), 0, (conn, m) -> answers.add(m.text()));
        try (Server s = Server.start(Local.server(greeter).codec(Codecs.lines()).build())) {
            try (Connection c = client(s, Codecs.lines())) {
                for (int i = 0; i < 5; i++) {
                    assertEquals("Hi! I am server", c.receive().text());
                    c.send("answer " + i);
                }
                assertEquals("Hi! I am server", c.receive().text());
            }
            Eventually.equals(0, s::activeConnections, "the greeter ended when the peer left");
        }
        assertEquals(List.of("answer 0", "answer 1", "answer 2", "answer 3", "answer 4"), answers);
    }

    @Test
    void handlersRejectMissingArguments() {
        assertThrows(NullPointerException.class, () -> Handlers.reply((String) null));
        assertThrows(NullPointerException.class, () -> Handlers.chat(null));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionGroup("g", 0));
    }
}
