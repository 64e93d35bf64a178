package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.handler.Handlers;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

class SmokeTest {
    @Test
    void echoLinesRoundTrip() throws Exception {
        var events = new CopyOnWriteArrayList<io.ftrun.core.event.Event>();
        try (Server s = Server.start(ServerConfig.builder().host("127.0.0.1").codec(Codecs.lines()).handler(Handlers.echo()).listener(events::add).build())) {
            try (Connection c = Client.connect(ClientConfig.builder().port(s.port()).codec(Codecs.lines()).build())) {
                c.send("hello");
                c.send("wörld");
                assertEquals("hello", c.receive().text());
                assertEquals("wörld", c.receive().text());
                c.shutdownOutput();
                assertNull(c.receive());
            }
        }
        assertTrue(events.stream().anyMatch(e -> e.type().equals("connection-closed")), events.toString());
    }

    @Test
    void idleTimeoutClosesSilentPeer() throws Exception {
        try (Server s = Server.start(ServerConfig.builder().host("127.0.0.1").idleTimeout(Duration.ofMillis(200)).handler(Handlers.echo()).build())) {
            try (Connection c = Client.connect(ClientConfig.builder().port(s.port()).readTimeout(Duration.ofSeconds(5)).build())) {
                long t0 = System.nanoTime();
                assertNull(c.receive(), "server should close the idle connection");
                assertTrue(System.nanoTime() - t0 < 4_000_000_000L);
            }
        }
    }

    @Test
    void clientReadTimeoutThrows() throws Exception {
        try (Server s = Server.start(ServerConfig.builder().host("127.0.0.1").handler(c -> Thread.sleep(2000)).shutdownGrace(Duration.ZERO).build())) {
            try (Connection c = Client.connect(ClientConfig.builder().port(s.port()).readTimeout(Duration.ofMillis(200)).build())) {
                assertThrows(SocketTimeoutException.class, c::receive);
            }
        }
    }

    @Test
    void writeTimeoutAbortsPeerThatNeverReads() throws Exception {
        var result = new java.util.concurrent.CompletableFuture<Throwable>();
        try (Server s = Server.start(ServerConfig.builder().host("127.0.0.1").writeTimeout(Duration.ofMillis(300)).handler(c -> {
            byte[] big = new byte[1 << 20];
            try {
                for (int i = 0; i < 1000; i++) c.write(big, 0, big.length);
                result.complete(null);
            } catch (Exception e) {
                result.complete(e);
            }
        }).build())) {
            try (Connection c = Client.connect(ClientConfig.builder().port(s.port()).build())) {
                Throwable t = result.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertInstanceOf(SocketTimeoutException.class, t);
            }
        }
    }
}
