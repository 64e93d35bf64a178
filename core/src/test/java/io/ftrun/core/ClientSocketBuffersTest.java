package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.handler.Handlers;
import io.ftrun.core.internal.SocketConnection;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** A client's {@code receiveBufferSize} / {@code sendBufferSize} reach its socket; 0 leaves the kernel's default. */
class ClientSocketBuffersTest {
    private static final int REQUESTED = 256 << 10;

    /** What the kernel reports for a socket asked for {@code size} (Linux doubles it, capped at rmem_max / wmem_max). */
    private static int kernelValueFor(SocketOption<Integer> option, int size) throws IOException {
        try (SocketChannel probe = SocketChannel.open()) {
            probe.setOption(option, size);
            return probe.getOption(option);
        }
    }

    private static int option(Connection c, SocketOption<Integer> option) throws IOException {
        return ((SocketConnection) c).channel().getOption(option);
    }

    @Test
    void theClientsSocketGetsTheRequestedBuffers() throws Exception {
        int wantRcv = kernelValueFor(StandardSocketOptions.SO_RCVBUF, REQUESTED);
        int wantSnd = kernelValueFor(StandardSocketOptions.SO_SNDBUF, REQUESTED);
        assertTrue(wantRcv >= REQUESTED && wantSnd >= REQUESTED, "the kernel grants 256 KiB (rmem_max/wmem_max): " + wantRcv + ", " + wantSnd);
        try (Server s = Server.start(Local.server(Handlers.echo()).build())) {
            int defaultRcv;
            int defaultSnd;
            try (Connection plain = Client.connect(Local.client(s).build())) {
                defaultRcv = option(plain, StandardSocketOptions.SO_RCVBUF);
                defaultSnd = option(plain, StandardSocketOptions.SO_SNDBUF);
            }
            // otherwise the test could not tell an applied option from the default
            assertNotEquals(wantRcv, defaultRcv, "default SO_RCVBUF already equals the requested value");
            assertNotEquals(wantSnd, defaultSnd, "default SO_SNDBUF already equals the requested value");

            ClientConfig cfg = Local.client(s).receiveBufferSize(REQUESTED).sendBufferSize(REQUESTED).build();
            try (Connection c = Client.connect(cfg)) {
                assertEquals(wantRcv, option(c, StandardSocketOptions.SO_RCVBUF), "SO_RCVBUF on the connected socket");
                assertEquals(wantSnd, option(c, StandardSocketOptions.SO_SNDBUF), "SO_SNDBUF on the connected socket");
                c.send("over buffers set by hand");
                assertEquals("over buffers set by hand", c.receive().text());
            }
        }
    }

    @Test
    void aLargeTransferArrivesWholeWithSmallAndLargeBuffers() throws Exception {
        byte[] data = new byte[8 << 20];
        new Random(7).nextBytes(data);
        String expected = data.length + " " + ClientTest.sha256(data);
        try (Server s = ClientTest.digestServer()) {
            for (int size : new int[]{4 << 10, 1 << 20}) {
                ClientConfig cfg = Local.client(s).codec(Codecs.raw(1 << 20)).receiveBufferSize(size).sendBufferSize(size).build();
                try (Connection c = Client.connect(cfg)) {
                    c.write(data, 0, data.length);
                    c.shutdownOutput();
                    assertEquals(expected, c.receive().text(), "with " + size + "-byte buffers");
                }
            }
        }
    }

    @Test
    void zeroIsTheDefaultNegativeIsRefusedAndToBuilderKeepsThem() {
        ClientConfig none = ClientConfig.builder().port(1).build();
        assertEquals(0, none.options().receiveBufferSize());
        assertEquals(0, none.options().sendBufferSize());

        ClientConfig set = ClientConfig.builder().port(1).receiveBufferSize(1 << 20).sendBufferSize(512 << 10).build();
        ClientConfig copy = set.toBuilder().build();
        assertEquals(1 << 20, copy.options().receiveBufferSize());
        assertEquals(512 << 10, copy.options().sendBufferSize());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder().receiveBufferSize(-1));
        assertEquals("receiveBufferSize must not be negative, was -1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder().sendBufferSize(-1));
    }
}
