package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A framed sender against a receiver that never answers (nc -l, the tutorials' servers, which store whatever
 * arrives): the idle timeout ends it, and the error says what the receiver likely is and what to do instead.
 */
@Timeout(30)
class SilentReceiverTest {
    @TempDir
    Path tmp;

    @Test
    void aSilentReceiverIsNamedAsProbablyRawWithTheWayOut() throws Exception {
        Path file = Files.writeString(tmp.resolve("report.pdf"), "the report");
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> stored = CompletableFuture.supplyAsync(() -> {
                try (Socket s = raw.accept(); InputStream in = s.getInputStream()) { // as the tutorial: read until close
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    in.transferTo(all);
                    return all.toByteArray();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (Connection c = Client.connect(ClientConfig.builder().name("sender").host("127.0.0.1").port(raw.getLocalPort())
                    .idleTimeout(Duration.ofMillis(300)).build())) {
                // not a broken session to try again: each try would leave the receiver another file of HELLO bytes
                FileTransferException e = assertThrows(FileTransferException.class,
                        () -> FileSender.send(c, file, SendOptions.defaults()));
                assertTrue(e.getCause() instanceof SocketTimeoutException, e::toString);
                assertTrue(e.getMessage().startsWith("the receiver did not answer HELLO ("), e.getMessage());
                assertTrue(e.getMessage().endsWith("send to it with protocol 'raw'"), e.getMessage());
            }
            byte[] got = stored.get();
            assertTrue(got.length > 0 && got[0] == Protocol.HELLO, "what the raw receiver kept: a HELLO, not the file");
            assertArrayEquals(new byte[]{'F', 'T', 'R', 'N'}, java.util.Arrays.copyOfRange(got, 5, 9));
        }
    }
}
