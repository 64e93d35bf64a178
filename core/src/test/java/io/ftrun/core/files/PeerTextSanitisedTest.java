package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A receiver's words reach the sender's report (and so logs and terminals) without control characters. */
class PeerTextSanitisedTest {
    static final String HOSTILE = "disk \u001b[2J\u001b]0;pwned\u0007full\r\nftrun: INFO forged line";

    @Test
    void aReceiversErrorMessageIsEscapedInTheReport(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        // a hostile receiver: welcomes the sender, then refuses its file with escape sequences and a forged log line
        try (Server s = Server.start(Local.server(conn -> {
            Frames frames = new Frames(conn);
            frames.expectNext("HELLO");
            frames.payload();
            frames.send(Protocol.WELCOME, new Messages.Welcome(1, 0, Long.MAX_VALUE, Protocol.MAX_DATA, List.of(Digests.DEFAULT)).encode());
            frames.expectNext("FILE");
            frames.payload();
            frames.send(Protocol.ERROR, new Messages.Error(ErrorCode.NO_SPACE, HOSTILE).encode());
            frames.expectNext("BYE");
            frames.send(Protocol.BYE, new byte[0]);
        }).build()); Connection c = Client.connect(Local.client(s).build())) {
            SendReport r = FileSender.send(c, file, SendOptions.defaults());
            String message = r.files().get(0).message();
            assertEquals(ErrorCode.NO_SPACE, r.files().get(0).error());
            assertFalse(message.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f), message);
            assertTrue(message.contains("\\x1b[2J") && message.contains("\\x0d\\x0a"), message);
        }
    }
}
