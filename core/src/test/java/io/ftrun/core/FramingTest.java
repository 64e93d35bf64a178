package io.ftrun.core;

import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.codec.InputBuffer;
import io.ftrun.core.event.Events;
import io.ftrun.core.support.Frames;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Over real sockets, a message read with a codec is never split or merged by TCP segmentation: peers write one
 * byte per segment, or every message in one segment, and the server sees exactly the messages sent.
 */
class FramingTest {
    static final List<String> MESSAGES = List.of("hello", "", "wörld", "x".repeat(3000), "last one");

    static Stream<Arguments> codecsAndDeliveries() {
        List<Arguments> all = new ArrayList<>();
        for (Codec c : List.of(Codecs.lines(), Codecs.lines("\r\n", java.nio.charset.StandardCharsets.UTF_8, 4096), Codecs.lengthPrefixed(4096))) {
            all.add(Arguments.of(c, "one byte per write"));
            all.add(Arguments.of(c, "all in one write"));
        }
        return all.stream();
    }

    /** Writes like a peer on a slow link (one byte per segment) or a fast one (everything in one write). */
    static void deliver(Socket s, byte[] wire, String how) throws Exception {
        OutputStream out = s.getOutputStream();
        if (how.equals("all in one write")) {
            out.write(wire);
            return;
        }
        s.setTcpNoDelay(true);
        for (int i = 0; i < wire.length; i++) {
            out.write(wire[i]);
            if (i % 256 == 0) Thread.sleep(1); // let the server's reads catch up mid-message
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("codecsAndDeliveries")
    void messagesSurviveAnySegmentation(Codec codec, String how) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Handler echo = conn -> {
            Message m;
            while ((m = conn.receive()) != null) {
                received.add(m.text());
                conn.send(m.bytes());
            }
        };
        try (Server s = Server.start(Local.server(echo).codec(codec).build());
             Socket peer = Local.socket(s)) {
            deliver(peer, Frames.encode(codec, MESSAGES.toArray(String[]::new)), how);
            peer.shutdownOutput();
            InputBuffer in = new InputBuffer(peer.getInputStream(), 512);
            List<String> echoed = new ArrayList<>();
            byte[] m;
            while ((m = codec.read(in)) != null) echoed.add(new String(m, codec.charset()));
            assertEquals(MESSAGES, received, "what the server read");
            assertEquals(MESSAGES, echoed, "what came back");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"one byte per write", "all in one write"})
    void rawIsOneMessageUntilThePeerCloses(String how) throws Exception {
        byte[] data = new byte[5000];
        new java.util.Random(1).nextBytes(data);
        List<byte[]> received = new CopyOnWriteArrayList<>();
        Handler collect = conn -> {
            Message m;
            while ((m = conn.receive()) != null) received.add(m.bytes());
            conn.send("got " + received.size());
        };
        try (Server s = Server.start(Local.server(collect).codec(Codecs.raw(1 << 20)).build());
             Socket peer = Local.socket(s)) {
            deliver(peer, data, how);
            peer.shutdownOutput();
            assertEquals("got 1", Local.readAll(peer, 100));
            assertArrayEquals(data, received.get(0));
        }
    }

    static Stream<Arguments> oversized() {
        byte[] hugeHeader = {0, 0, 0x10, 0}; // announces 4096 bytes
        return Stream.of(
                Arguments.of(Codecs.lines("\n", java.nio.charset.StandardCharsets.UTF_8, 16), ("y".repeat(100) + "\n").getBytes()),
                Arguments.of(Codecs.lengthPrefixed(16), hugeHeader),
                Arguments.of(Codecs.raw(1000), new byte[5000]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void pastTheMaximumTheConnectionIsClosedWithAClearError(Codec codec, byte[] wire) throws Exception {
        Recorder events = new Recorder();
        Handler drain = conn -> {
            while (conn.receive() != null) {
                // the oversized message ends this loop with an exception
            }
        };
        try (Server s = Server.start(Local.server(drain).codec(codec).listener(events).build());
             Socket peer = Local.socket(s)) {
            peer.getOutputStream().write(wire);
            peer.shutdownOutput();
            assertEquals("", Local.readAll(peer, 100), "closed without an answer");
            Events.ConnectionClosed closed = events.await(Events.ConnectionClosed.class, e -> true, 1, Duration.ofSeconds(10)).get(0);
            assertEquals(CloseReason.LIMIT_EXCEEDED, closed.reason());
            assertTrue(closed.error().startsWith("FrameTooLargeException: message of at least"), closed.error());
            assertTrue(closed.error().endsWith("exceeds the maximum of " + codec.maxSize() + " bytes"), closed.error());
        }
    }
}
