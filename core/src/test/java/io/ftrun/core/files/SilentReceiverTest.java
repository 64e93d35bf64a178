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

    /** With a way to reconnect, still one try: each would leave a raw receiver one more file of HELLO bytes. */
    @Test
    void aSilentReceiverIsNotTriedAgain() throws Exception {
        Path file = Files.writeString(tmp.resolve("report.pdf"), "the report");
        try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = raw.accept(); // held open, never answered, as a raw receiver storing a file
                        accepted.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            ClientConfig config = ClientConfig.builder().name("sender").host("127.0.0.1").port(raw.getLocalPort())
                    .idleTimeout(Duration.ofMillis(300)).build();
            try (Connection c = Client.connect(config)) {
                SendOptions options = SendOptions.builder().reconnects(3).reconnectBackoff(Duration.ofMillis(10)).build();
                assertThrows(FileTransferException.class,
                        () -> FileSender.sendNamed(c, () -> Client.connect(config), java.util.Map.of("report.pdf", file), options));
            }
            Thread.sleep(200); // any reconnect was made before sendNamed returned: time for the acceptor to count it
            org.junit.jupiter.api.Assertions.assertEquals(1, accepted.get(), "connections the receiver saw");
            raw.close();
            acceptor.join(2000);
        }
    }
}
