package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Protocol version 2 (docs/PROTOCOL.md, section 2): the sender announces files ahead of their data, the receiver
 * answers in order, and a tree costs a round trip or two instead of two per file. Real sockets on loopback; the
 * peer that proves the pipelining is written by hand from the specification, so it holds the real sender to it.
 */
@Timeout(60)
class PipeliningTest {
    @TempDir
    Path tmp;

    private Path tree(int files, int size) throws IOException {
        Path root = tmp.resolve("tree");
        for (int i = 0; i < files; i++) {
            Path p = root.resolve(String.format("d%d/f%03d.bin", i % 3, i));
            Files.createDirectories(p.getParent());
            Files.write(p, Fixture.randomBytes(size + i, i));
        }
        return root;
    }

    /**
     * A version 2 receiver by hand: WELCOME with {@code window}, then it answers nothing until {@code window} FILE
     * headers have arrived, which a sender that waits for READY after each FILE never sends (it would time out).
     * File {@code refuse} is answered ERROR EXISTS; a refused file's DATA would be a protocol violation.
     */
    private static final class HandWrittenReceiver implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        final List<String> seen = new ArrayList<>(); // the frames as they arrived: "FILE f000.bin", "DATA", "END"...
        final CompletableFuture<Void> done;
        final int version;
        final int window;
        final int refuse;

        /** Version 1 is window 1: a FILE before the previous file's END breaks it. */
        HandWrittenReceiver(int version, int window, int refuse) throws IOException {
            this.version = version;
            this.window = window;
            this.refuse = refuse;
            this.done = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5000);
                    serve(new DataInputStream(s.getInputStream()), new DataOutputStream(s.getOutputStream()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve(DataInputStream in, DataOutputStream out) throws IOException {
            expect(in, Protocol.HELLO);
            Messages.Hello hello = Messages.Hello.decode(ByteBuffer.wrap(payload(in)));
            assertEquals(2, hello.maxVersion(), "the sender offers version 2");
            frame(out, Protocol.WELCOME, new Messages.Welcome(version, 0, Long.MAX_VALUE, Protocol.MAX_DATA, List.of(Digests.CRC32C), window).encode());
            ArrayDeque<Messages.FileHeader> accepted = new ArrayDeque<>();
            List<byte[]> held = new ArrayList<>(); // answers held back until the window is full, the first time
            boolean holding = true;
            int files = 0;
            Digests.Digester digest = null;
            while (true) {
                int type = in.read();
                if (type < 0) return;
                byte[] p = payload(in);
                if (type == Protocol.FILE) {
                    Messages.FileHeader h = Messages.FileHeader.decode(ByteBuffer.wrap(p));
                    seen.add("FILE " + new String(h.path(), java.nio.charset.StandardCharsets.UTF_8));
                    assertTrue(accepted.size() < window, "more announced files waiting than the window: " + seen);
                    byte[] answer;
                    if (files++ == refuse) {
                        answer = frameBytes(Protocol.ERROR, new Messages.Error(ErrorCode.EXISTS, "exists").encode());
                    } else {
                        accepted.add(h);
                        answer = frameBytes(Protocol.READY, Messages.Ready.at(0).encode());
                    }
                    if (holding) {
                        held.add(answer);
                        if (held.size() == window) { // the sender announced a whole window without one answer
                            holding = false;
                            for (byte[] a : held) out.write(a);
                            out.flush();
                        }
                    } else {
                        out.write(answer);
                        out.flush();
                    }
                } else if (type == Protocol.DATA || type == Protocol.END) {
                    assertFalse(holding, "data before any READY: " + seen);
                    assertFalse(accepted.isEmpty(), "data for no accepted file (a refused file's?): " + seen);
                    if (digest == null) digest = Digests.create(Digests.CRC32C);
                    seen.add(Protocol.typeName(type));
                    if (type == Protocol.DATA) {
                        digest.update(p, 0, p.length);
                        continue;
                    }
                    Messages.FileHeader h = accepted.poll();
                    byte[] ours = digest.finish();
                    digest = null;
                    assertArrayEquals(Messages.decodeEnd(ByteBuffer.wrap(p)), ours);
                    out.write(frameBytes(Protocol.DONE, new Messages.Done(ours, new String(h.path(), java.nio.charset.StandardCharsets.UTF_8)).encode()));
                    out.flush();
                } else if (type == Protocol.BYE) {
                    seen.add("BYE");
                    frame(out, Protocol.BYE, new byte[0]);
                    return;
                } else {
                    fail("unexpected " + Protocol.typeName(type) + " after " + seen);
                }
            }
        }

        private static void expect(DataInputStream in, int type) throws IOException {
            assertEquals(type, in.read());
        }

        private static byte[] payload(DataInputStream in) throws IOException {
            byte[] p = new byte[in.readInt()];
            in.readFully(p);
            return p;
        }

        private static byte[] frameBytes(int type, byte[] payload) {
            return Frames.frame(type, payload);
        }

        private static void frame(DataOutputStream out, int type, byte[] payload) throws IOException {
            out.write(frameBytes(type, payload));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static SendReport send(int port, Path what, SendOptions options) throws IOException {
        try (Connection c = Client.connect(ClientConfig.builder().host("127.0.0.1").port(port).build())) {
            return FileSender.send(c, what, options);
        }
    }

    @Test
    void theSenderAnnouncesAWholeWindowBeforeAnyAnswerAndSendsNoDataForARefusedFile() throws Exception {
        Path root = tree(7, 3000);
        try (HandWrittenReceiver r = new HandWrittenReceiver(2, 4, 2)) {
            SendReport report = send(r.port(), root, SendOptions.builder().digest(Digests.CRC32C).resume(false).build());
            r.done.get(10, TimeUnit.SECONDS);
            assertEquals(7, report.files().size(), report::toString);
            assertEquals(6, report.files().stream().filter(SendReport.FileResult::confirmed).count(), report::toString);
            SendReport.FileResult refused = report.files().get(2);
            assertEquals(ErrorCode.EXISTS, refused.error(), report::toString);
            assertEquals(List.of("FILE", "FILE", "FILE", "FILE"), r.seen.subList(0, 4).stream().map(s -> s.split(" ")[0]).toList(),
                    "four headers before any data: " + r.seen);
            assertEquals(6, r.seen.stream().filter("END"::equals).count(), "an END for each accepted file only: " + r.seen);
        }
    }

    @Test
    void aVersion1ReceiverGetsOneFileAtATime() throws Exception {
        Path root = tree(5, 1000);
        try (HandWrittenReceiver r = new HandWrittenReceiver(1, 1, 3)) {
            SendReport report = send(r.port(), root, SendOptions.builder().digest(Digests.CRC32C).resume(false).build());
            r.done.get(10, TimeUnit.SECONDS);
            assertEquals(4, report.files().stream().filter(SendReport.FileResult::confirmed).count(), report::toString);
            assertEquals(ErrorCode.EXISTS, report.files().get(3).error());
            // FILE, DATA, END for each accepted file, a FILE alone for the refused one, never two FILEs with data between
            assertEquals(List.of("FILE", "DATA", "END", "FILE", "DATA", "END", "FILE", "DATA", "END", "FILE", "FILE", "DATA", "END", "BYE"),
                    r.seen.stream().map(x -> x.split(" ")[0]).toList());
        }
    }

    @Test
    void aTreeThroughTheRealReceiverIsStoredWhole() throws Exception {
        Path root = tree(120, 2000);
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("tree/d1"));
        Files.write(in.resolve("tree/d1/f001.bin"), new byte[]{1}); // refused in the middle: it exists
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED)
                .naming(NamingPolicies.original(OnCollision.REJECT)).build())) {
            SendReport report = f.send(root, SendOptions.defaults());
            assertEquals(119, report.files().stream().filter(SendReport.FileResult::confirmed).count(), report::toString);
            assertEquals(ErrorCode.EXISTS, report.files().stream().filter(x -> !x.confirmed()).findFirst().orElseThrow().error());
            f.awaitIdle(java.time.Duration.ofSeconds(5));
        }
        for (int i = 0; i < 120; i++) {
            String name = String.format("tree/d%d/f%03d.bin", i % 3, i);
            byte[] expected = i == 1 ? new byte[]{1} : Fixture.randomBytes(2000 + i, i);
            assertArrayEquals(expected, Files.readAllBytes(in.resolve(name)), name);
        }
        assertEquals(List.of(), Fixture.temporaries(in));
    }

    @Test
    void aReceiverRefusesASenderThatAnnouncesMoreThanTheWindow() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
             Socket s = new Socket(InetAddress.getLoopbackAddress(), f.port())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream din = new DataInputStream(s.getInputStream());
            out.write(Frames.frame(Protocol.HELLO, new Messages.Hello(1, 2, null).encode()));
            for (int i = 0; i <= Protocol.WINDOW; i++) {
                out.write(Frames.frame(Protocol.FILE, new Messages.FileHeader(0, 1, 0, 0, Digests.CRC32C,
                        ("f" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encode()));
            }
            out.flush();
            assertEquals(Protocol.WELCOME, din.read());
            Messages.Welcome w = Messages.Welcome.decode(ByteBuffer.wrap(HandWrittenReceiver.payload(din)));
            assertEquals(2, w.version());
            assertEquals(Protocol.WINDOW, w.window());
            for (int i = 0; i < Protocol.WINDOW; i++) {
                assertEquals(Protocol.READY, din.read(), "file " + i);
                HandWrittenReceiver.payload(din);
            }
            assertEquals(Protocol.ERROR, din.read(), "one file beyond the window");
            Messages.Error e = Messages.Error.decode(ByteBuffer.wrap(HandWrittenReceiver.payload(din)));
            assertEquals(ErrorCode.PROTOCOL, e.code());
            assertTrue(e.message().contains("window"), e.message());
            f.awaitIdle(java.time.Duration.ofSeconds(5));
            assertEquals(List.of(), Fixture.listFiles(in), "nothing stored, no temporary left");
        }
    }

    @Test
    void filesWaitingInTheWindowHoldNoTemporary() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
             Socket s = new Socket(InetAddress.getLoopbackAddress(), f.port())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(s.getOutputStream()));
            DataInputStream din = new DataInputStream(s.getInputStream());
            out.write(Frames.frame(Protocol.HELLO, new Messages.Hello(1, 2, null).encode()));
            int n = 600;
            for (int i = 0; i < n; i++) {
                out.write(Frames.frame(Protocol.FILE, new Messages.FileHeader(0, 10, 0, 0, Digests.CRC32C,
                        ("f" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encode()));
            }
            out.flush();
            assertEquals(Protocol.WELCOME, din.read());
            HandWrittenReceiver.payload(din);
            for (int i = 0; i < n; i++) {
                assertEquals(Protocol.READY, din.read(), "file " + i);
                HandWrittenReceiver.payload(din);
            }
            assertEquals(List.of(), Fixture.listFiles(in), n + " accepted files waiting for their data, not one temporary");
        }
    }

    @Test
    void aReceiverRefusesASenderThatParksMoreHeaderBytesThanItKeeps() throws Exception {
        Path in = tmp.resolve("in");
        String dirs = ("d".repeat(250) + "/").repeat(15); // long, legal paths: ~3.8 KiB each
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
             Socket s = new Socket(InetAddress.getLoopbackAddress(), f.port())) {
            s.setSoTimeout(5000);
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(s.getOutputStream()));
            DataInputStream din = new DataInputStream(s.getInputStream());
            out.write(Frames.frame(Protocol.HELLO, new Messages.Hello(1, 2, null).encode()));
            int n = 80; // well inside the window of 1024, beyond 256 KiB of headers
            for (int i = 0; i < n; i++) {
                out.write(Frames.frame(Protocol.FILE, new Messages.FileHeader(0, 10, 0, 0, Digests.CRC32C,
                        (dirs + "f" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encode()));
            }
            out.flush();
            assertEquals(Protocol.WELCOME, din.read());
            HandWrittenReceiver.payload(din);
            int ready = 0;
            int type;
            while ((type = din.read()) == Protocol.READY) {
                HandWrittenReceiver.payload(din);
                ready++;
            }
            assertEquals(Protocol.ERROR, type, "after " + ready + " READY");
            Messages.Error e = Messages.Error.decode(ByteBuffer.wrap(HandWrittenReceiver.payload(din)));
            assertEquals(ErrorCode.PROTOCOL, e.code());
            assertTrue(e.message().contains("bytes of FILE headers"), e.message());
            assertTrue(ready > 0 && ready < n, "refused at the byte limit, not at once: " + ready);
            f.awaitIdle(java.time.Duration.ofSeconds(5));
            assertEquals(List.of(), Fixture.listFiles(in), "nothing stored, no temporary, no directory left with a file");
        }
    }

    @Test
    void aVersion1SenderStillGetsVersion1() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(FileReceiverConfig.builder().directory(in).protocol(FileProtocol.FRAMED).build());
             Socket s = new Socket(InetAddress.getLoopbackAddress(), f.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(Frames.frame(Protocol.HELLO, new Messages.Hello(1, 1, null).encode()));
            DataInputStream din = new DataInputStream(s.getInputStream());
            assertEquals(Protocol.WELCOME, din.read());
            byte[] p = HandWrittenReceiver.payload(din);
            Messages.Welcome w = Messages.Welcome.decode(ByteBuffer.wrap(p));
            assertEquals(1, w.version());
            assertEquals(1, w.window());
            assertEquals(4 + 1 + 1 + 8 + 4 + 1 + w.digests().stream().mapToInt(d -> 1 + d.length()).sum(), p.length,
                    "no window field in a version 1 WELCOME");
        }
    }
}
