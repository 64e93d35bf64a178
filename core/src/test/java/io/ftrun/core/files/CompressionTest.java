package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.support.CuttingProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Compression (issue 14, PROTOCOL.md "Compression"): asked for, DATA is deflated per frame where that pays and sent as
 * it is where it does not; the receiver stores exactly the file's bytes, and a peer's damaged, oversized or
 * unknown compressed DATA ends the session with nothing stored. Bytes are counted on the wire by a proxy.
 */
@Timeout(60)
class CompressionTest {
    @TempDir
    Path tmp;

    private static byte[] text(int size, int seed) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < size; i++) {
            b.append("2026-12-02T12:00:").append(i % 60).append(" INFO file ").append(seed).append(" chunk ").append(i).append(" stored\n");
        }
        return Arrays.copyOf(b.toString().getBytes(StandardCharsets.US_ASCII), size);
    }

    private FileReceiverConfig receiving(Path dir) {
        return FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.FRAMED).build();
    }

    /** Sends {@code dir} through a recording proxy; returns the bytes the sender put on the wire. */
    private static long sentThroughProxy(Fixture rx, Path dir, boolean compress) throws Exception {
        try (RecordingProxy proxy = new RecordingProxy(rx.port())) {
            try (Connection c = Client.connect(ClientConfig.builder().name("sender").host("127.0.0.1").port(proxy.port())
                    .idleTimeout(Duration.ofSeconds(20)).build())) {
                SendReport r = FileSender.send(c, dir, SendOptions.builder().compress(compress).build());
                assertTrue(r.allConfirmed(), r.toString());
            }
            proxy.awaitEnd(5000);
            return proxy.clientToServer.size();
        }
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        List<String> names = Fixture.listFiles(expected);
        assertEquals(names, Fixture.finalFiles(actual));
        for (String n : names) assertArrayEquals(Files.readAllBytes(expected.resolve(n)), Files.readAllBytes(actual.resolve(n)), n);
    }

    @Test
    void textLikeFilesCrossTheWireSmallerAndArriveExactly() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("logs"));
        long total = 0;
        for (int i = 0; i < 12; i++) {
            byte[] b = text(200_000 + i * 7919, i);
            Files.write(src.resolve("app-" + i + ".log"), b);
            total += b.length;
        }
        Path plainDir = Files.createDirectories(tmp.resolve("plain"));
        Path packedDir = Files.createDirectories(tmp.resolve("packed"));
        long plain;
        long packed;
        try (Fixture a = Fixture.start(receiving(plainDir)); Fixture b = Fixture.start(receiving(packedDir))) {
            plain = sentThroughProxy(a, src, false);
            packed = sentThroughProxy(b, src, true);
            a.awaitIdle(Duration.ofSeconds(5));
            b.awaitIdle(Duration.ofSeconds(5));
        }
        assertTrue(plain > total, "uncompressed, every byte crosses: " + plain + " of " + total);
        assertTrue(packed * 5 < total, "compressed, text shrinks at least fivefold: " + packed + " of " + total);
        assertSameTree(src, plainDir.resolve("logs"));
        assertSameTree(src, packedDir.resolve("logs"));
    }

    @Test
    void randomDataIsSentAsItIs_AndTheNextFileIsTriedAfresh() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("mixed"));
        byte[] noise = Fixture.randomBytes(3 << 20, 7);
        byte[] log = text(1 << 20, 1);
        Files.write(src.resolve("a-noise.bin"), noise);
        Files.write(src.resolve("b-app.log"), log);
        Path into = Files.createDirectories(tmp.resolve("into"));
        long wire;
        try (Fixture rx = Fixture.start(receiving(into))) {
            wire = sentThroughProxy(rx, src, true);
            rx.awaitIdle(Duration.ofSeconds(5));
        }
        // the noise costs at most a mode byte per chunk more; the log after it is compressed again
        assertTrue(wire < noise.length + log.length / 5 + 16 * 1024, "wire " + wire + " for " + noise.length + " + " + log.length);
        assertTrue(wire > noise.length, "random data cannot shrink: " + wire);
        assertSameTree(src, into.resolve("mixed"));
    }

    @Test
    void aFetchAskedToCompressIsServedCompressed() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        byte[] log = text(2 << 20, 3);
        Files.write(served.resolve("big.log"), log);
        Server server = Server.start(ServerConfig.builder().name("files").host("127.0.0.1").port(0).idleTimeout(Duration.ofSeconds(20))
                .shutdownGrace(Duration.ofSeconds(2)).handler(FileReceiver.handler(null, ServeConfig.builder().directory(served).build())).build());
        try (server; RecordingProxy proxy = new RecordingProxy(server.port())) {
            Path into = Files.createDirectories(tmp.resolve("into"));
            FileReceiverConfig local = FileReceiverConfig.builder().directory(into).protocol(FileProtocol.FRAMED)
                    .naming(NamingPolicies.original(OnCollision.REJECT)).build();
            try (Connection c = Client.connect(ClientConfig.builder().name("fetch").host("127.0.0.1").port(proxy.port()).build())) {
                SendReport r = FileFetcher.fetch(c, () -> { throw new IOException("no reconnect in this test"); },
                        List.of("big.log"), local, SendOptions.builder().compress(true).build());
                assertTrue(r.allConfirmed(), r.toString());
            }
            proxy.awaitEnd(5000);
            assertTrue(proxy.serverToClient.size() * 5 < log.length, "served " + proxy.serverToClient.size() + " for " + log.length);
            assertArrayEquals(log, Files.readAllBytes(into.resolve("big.log")));
        }
    }

    @Test
    void aCompressedUploadCutMidFileResumesFromTheBytesStored() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] log = text(12 << 20, 5); // about 1 MiB on the wire: the cut falls inside the file
        Files.write(src.resolve("big.log"), log);
        Path into = Files.createDirectories(tmp.resolve("into"));
        try (Fixture rx = Fixture.start(receiving(into)); CuttingProxy proxy = new CuttingProxy(rx.port(), 300_000)) {
            ClientConfig cfg = ClientConfig.builder().name("sender").host("127.0.0.1").port(proxy.port()).idleTimeout(Duration.ofSeconds(20)).build();
            SendReport r;
            try (Connection c = Client.connect(cfg)) {
                r = FileSender.send(c, () -> Client.connect(cfg), List.of(src.resolve("big.log")),
                        SendOptions.builder().compress(true).reconnectBackoff(Duration.ofMillis(10)).build());
            }
            assertTrue(r.allConfirmed(), r.toString());
            assertTrue(r.files().get(0).resumedFrom() > 0, "resumed, not restarted: " + r);
            rx.awaitIdle(Duration.ofSeconds(5));
        }
        assertArrayEquals(log, Files.readAllBytes(into.resolve("big.log")));
        assertEquals(List.of(), Fixture.temporaries(into));
    }

    @Test
    void versionOneIsNeverOfferedCompression() throws Exception {
        try (Fixture rx = Fixture.start(receiving(tmp)); WireClient v1 = new WireClient(rx.port()); WireClient v2 = new WireClient(rx.port())) {
            v1.frame(Protocol.HELLO, new Messages.Hello(1, 1, null).encode());
            v2.frame(Protocol.HELLO, new Messages.Hello(1, 2, null).encode());
            Messages.Welcome w1 = Messages.Welcome.decode(v1.read().buffer());
            Messages.Welcome w2 = Messages.Welcome.decode(v2.read().buffer());
            assertFalse(w1.compressionAccepted(), "v1: " + w1);
            assertEquals(0, w1.flags() & Protocol.WELCOME_COMPRESS);
            assertTrue(w2.compressionAccepted(), "v2: " + w2);
        }
    }

    // ---- hostile compressed DATA, sent by hand

    private static byte[] deflate(byte[] input) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(input);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(DataEncoder.DEFLATED);
        byte[] buf = new byte[64 * 1024];
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        return out.toByteArray();
    }

    /** Opens a v2 session, announces a compressed file of {@code size} bytes and sends {@code payload} as its DATA. */
    private static WireClient.Frame sendCompressed(int port, long size, byte[] payload) throws IOException {
        try (WireClient c = new WireClient(port)) {
            c.frame(Protocol.HELLO, new Messages.Hello(2, 2, null).encode());
            assertEquals(Protocol.WELCOME, c.read().type());
            WireClient.Frame ready = c.file("hostile.txt".getBytes(StandardCharsets.UTF_8), size, Digests.CRC32C, Protocol.FILE_COMPRESSED, 0);
            assertEquals(Protocol.READY, ready.type(), ready.toString());
            c.frame(Protocol.DATA, payload);
            c.frame(Protocol.END, Messages.encodeEnd(new byte[4]));
            return c.read();
        }
    }

    private void assertRefused(byte[] payload, long size, ErrorCode expected, String why) throws Exception {
        Path into = Files.createDirectories(tmp.resolve("hostile-" + expected + "-" + why.hashCode()));
        try (Fixture rx = Fixture.start(receiving(into))) {
            WireClient.Frame answer = sendCompressed(rx.port(), size, payload);
            assertEquals(expected, answer.error().code(), why + ": " + answer);
            rx.awaitIdle(Duration.ofSeconds(5));
        }
        assertEquals(List.of(), Fixture.listFiles(into), why + ": nothing stored, no temporary left");
    }

    @Test
    void damagedUnknownEmptyOrBombDataIsRefusedAndNothingStored() throws Exception {
        byte[] bomb = deflate(new byte[(Protocol.MAX_DATA) + 1]); // about 1 KiB that would inflate past max_data
        assertTrue(bomb.length < 4096, "a bomb is small: " + bomb.length);
        assertRefused(bomb, 10L << 20, ErrorCode.PROTOCOL, "inflates past max_data");
        assertRefused(new byte[]{DataEncoder.DEFLATED, 1, 2, 3, 4, 5}, 100, ErrorCode.PROTOCOL, "damaged");
        assertRefused(new byte[]{9, 'a', 'b'}, 2, ErrorCode.PROTOCOL, "unknown mode");
        assertRefused(new byte[]{DataEncoder.STORED}, 1, ErrorCode.PROTOCOL, "mode byte only");
        byte[] truncated = Arrays.copyOf(deflate(text(50_000, 1)), 100);
        assertRefused(truncated, 50_000, ErrorCode.PROTOCOL, "stream ends early");
        byte[] trailing = Arrays.copyOf(deflate(text(1000, 1)), deflate(text(1000, 1)).length + 3);
        assertRefused(trailing, 1000, ErrorCode.PROTOCOL, "bytes after the stream");
    }

    @Test
    void moreInflatedBytesThanAnnouncedIsASizeMismatch() throws Exception {
        assertRefused(deflate(text(5000, 2)), 4000, ErrorCode.SIZE_MISMATCH, "inflates past the announced size");
    }
}
