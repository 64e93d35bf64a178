package io.ftrun.dsl;

import groovy.lang.Closure;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.handler.Handlers;
import io.ftrun.core.internal.SocketConnection;
import io.ftrun.dsl.internal.PluginRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code receiveBuffer} / {@code sendBuffer} in a server block reach its config, in a client block its socket. */
class SocketBufferSpecsTest {
    /** What the kernel reports for a socket asked for {@code size} (Linux doubles it). */
    private static int kernelValueFor(SocketOption<Integer> option, int size) throws IOException {
        try (SocketChannel probe = SocketChannel.open()) {
            probe.setOption(option, size);
            return probe.getOption(option);
        }
    }

    @Test
    void aServerBlocksBuffersReachItsConfig() {
        ServerSpec spec = new ServerSpec(new ScriptModel("t.groovy", Path.of(".")), "s", new PluginRegistry(getClass().getClassLoader(), new Params()));
        spec.receiveBuffer("4MB");
        spec.sendBuffer(65536);
        spec.echo();
        ServerConfig config = spec.toConfig(null);
        assertEquals(4 << 20, config.options().receiveBufferSize());
        assertEquals(65536, config.options().sendBufferSize());
    }

    @Test
    void aClientBlocksBuffersReachItsSocket() throws Exception {
        int wantRcv = kernelValueFor(StandardSocketOptions.SO_RCVBUF, 256 << 10);
        int wantSnd = kernelValueFor(StandardSocketOptions.SO_SNDBUF, 128 << 10);
        AtomicInteger rcv = new AtomicInteger();
        AtomicInteger snd = new AtomicInteger();
        try (Server s = Server.start(ServerConfig.builder().host("127.0.0.1").port(0).handler(Handlers.echo()).build())) {
            ClientSpec spec = new ClientSpec(new ScriptModel("t.groovy", Path.of(".")), "c", 0);
            spec.connect("127.0.0.1", s.port());
            spec.receiveBuffer("256KB");
            spec.sendBuffer(128 << 10);
            spec.session(new Closure<Object>(this) {
                @SuppressWarnings("unused")
                public Object doCall(Connection c) throws IOException {
                    SocketChannel ch = ((SocketConnection) c).channel();
                    rcv.set(ch.getOption(StandardSocketOptions.SO_RCVBUF));
                    snd.set(ch.getOption(StandardSocketOptions.SO_SNDBUF));
                    return null;
                }
            });
            ClientResult r = spec.run(null);
            assertTrue(r.ok(), r.error());
        }
        assertEquals(wantRcv, rcv.get(), "SO_RCVBUF");
        assertEquals(wantSnd, snd.get(), "SO_SNDBUF");
    }
}
