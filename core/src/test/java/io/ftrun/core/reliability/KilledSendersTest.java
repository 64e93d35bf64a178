package io.ftrun.core.reliability;

import io.ftrun.core.BatchResult;
import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Clients;
import io.ftrun.core.CloseReason;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.FileEvents;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.SendOptions;
import io.ftrun.core.files.SendReport;
import io.ftrun.core.internal.SocketConnection;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Peer;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 200 senders die in the middle of their file while 200 good ones upload to the same receiver, at the same time:
 * 90 framed senders reset (SO_LINGER 0) by their own progress callback, 90 raw senders reset after part of their
 * bytes, 20 python framed senders in child processes killed with SIGKILL. Every good file must arrive intact, no
 * killed upload may appear under a final name, and the server must go on serving.
 */
class KilledSendersTest {
    static final int GOOD = 200;
    static final int FRAMED_RESETS = 90;
    static final int RAW_RESETS = 90;
    static final int SIGKILLED = 20;

    @Test
    void killedAndResetSendersLoseNothingOfTheGoodOnes(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path inbox = tmp.resolve("inbox");
        List<Path> good = Uploads.make(tmp.resolve("good"), "good", GOOD, 16 << 10, 256 << 10, 1);
        List<Path> doomed = Uploads.make(tmp.resolve("doomed"), "doomed", FRAMED_RESETS + SIGKILLED, 2 << 20, 2 << 20, 2);
        byte[] rawHalf = new byte[512 << 10];
        Recorder events = new Recorder();
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(inbox).protocol(FileProtocol.AUTO)
                .progressInterval(Duration.ZERO).build();
        try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).idleTimeout(Duration.ofSeconds(20))
                .listener(events).build())) {
            List<Peer> killed = new ArrayList<>();
            try {
                for (int i = 0; i < SIGKILLED; i++) killed.add(pythonSender(server.port(), doomed.get(FRAMED_RESETS + i)));
                BatchResult<String> r = Clients.run(SIGKILLED + GOOD + FRAMED_RESETS + RAW_RESETS, Duration.ofSeconds(120), i -> {
                    if (i < SIGKILLED) return sigkillMidway(killed.get(i));
                    int j = i - SIGKILLED;
                    if (j < GOOD) return sendGood(server, good.get(j));
                    if (j < GOOD + FRAMED_RESETS) return resetFramed(server, doomed.get(j - GOOD));
                    return resetRaw(server, rawHalf);
                });
                assertTrue(r.allSucceeded(), r.toString());
            } finally {
                killed.forEach(Peer::close);
            }
            awaitIdle(server);
            // A raw reset that arrives before the receiver read anything discards the data in the kernel: that
            // connection ends before any transfer started. Every other killed upload is a transfer-failed.
            int failed = events.of(FileEvents.TransferFailed.class).size();
            long resets = events.of(Events.ConnectionClosed.class, e -> e.reason() == CloseReason.PEER_RESET).size();
            // (a raw reset that arrives before the server has even looked at the connection ends it with no event)
            assertTrue(resets >= FRAMED_RESETS + SIGKILLED, "killed senders ended as peer-reset: " + resets);

            List<String> expected = new ArrayList<>();
            for (Path g : good) {
                expected.add(g.getFileName().toString());
                assertTrue(Uploads.sameContent(g, inbox.resolve(g.getFileName().toString())), "intact: " + g.getFileName());
            }
            assertEquals(expected.stream().sorted().toList(), Uploads.finalNames(inbox), "only the good files under final names");
            long partials = Uploads.temporaries(inbox).stream().filter(n -> n.endsWith(".part")).count(); // hidden, resumable

            // still serving
            Path after = Uploads.make(tmp.resolve("after"), "after", 1, 1000, 1000, 3).get(0);
            assertEquals("confirmed", sendGood(server, after));
            assertTrue(Uploads.sameContent(after, inbox.resolve("after-0.bin")));

            Results.record("senders killed mid-transfer (" + FRAMED_RESETS + " framed reset, " + RAW_RESETS + " raw reset, "
                            + SIGKILLED + " python SIGKILL) among " + GOOD + " good",
                    (GOOD + FRAMED_RESETS + RAW_RESETS + SIGKILLED) + " uploads",
                    GOOD + " good intact; killed: " + resets + " peer-reset connections, " + failed + " transfer-failed, 0 under a final name, "
                            + partials + " hidden resumable partials, server serving after",
                    "nothing", t0);
        }
    }

    static String sendGood(Server server, Path file) throws IOException {
        try (Connection c = Client.connect(Local.client(server).idleTimeout(Duration.ofSeconds(60)).build())) {
            SendReport r = FileSender.send(c, file, SendOptions.defaults());
            if (!r.allConfirmed()) throw new AssertionError(file.getFileName() + " not confirmed: " + r);
            return "confirmed";
        }
    }

    /**
     * A real framed sender whose own progress callback resets its connection once 256 KiB are out; its file is
     * 2 MiB, so the reset always comes in the middle.
     */
    static String resetFramed(Server server, Path file) throws IOException {
        ClientConfig cfg = Local.client(server).rateLimit(256 << 10).build(); // 2 MiB take 8 s: the reset at 256 KiB always lands mid-file
        SocketConnection c = (SocketConnection) Client.connect(cfg);
        AtomicBoolean reset = new AtomicBoolean();
        SendOptions opts = SendOptions.builder().chunkSize(32 << 10).progressInterval(Duration.ofMillis(1)).progress(p -> {
            if (p.bytes() >= (256 << 10) && reset.compareAndSet(false, true)) abort(c);
        }).build();
        try {
            FileSender.send(c, file, opts);
            throw new AssertionError("the reset sender finished " + file.getFileName());
        } catch (IOException expected) {
            if (!reset.get()) throw new AssertionError("failed before its reset: " + expected, expected);
            if (c.bytesOut() >= 2 << 20) throw new AssertionError("the reset came too late, after the whole file");
            return "reset";
        } finally {
            c.close();
        }
    }

    /** A raw sender that sends 512 KiB of its file, then resets. */
    static String resetRaw(Server server, byte[] half) throws IOException {
        try (Socket s = Local.socket(server)) {
            OutputStream out = s.getOutputStream();
            out.write(half);
            out.flush();
            s.setSoLinger(true, 0);
        }
        return "reset";
    }

    private static void abort(SocketConnection c) {
        try {
            c.channel().setOption(StandardSocketOptions.SO_LINGER, 0);
            c.channel().close(); // a reset, not a FIN: the receiver must not mistake it for the end
        } catch (IOException ignored) {
            // closed already
        }
    }

    /**
     * Waits until the python sender has handed 256 KiB of its 2 MiB to its socket, then kills it with SIGKILL. The
     * senders start before the 510 client threads do, and on a loaded machine this task may begin seconds later:
     * the senders' pace (below) leaves them 16 s to be killed in, and a kill that comes too late fails here.
     */
    static String sigkillMidway(Peer sender) throws InterruptedException {
        sender.awaitLine(l -> l.startsWith("PROGRESS ") && Long.parseLong(l.split(" ")[2]) >= (256 << 10));
        sender.close(); // destroyForcibly: SIGKILL on Linux
        long sent = 0;
        for (String l : sender.await().stdout().split("\n")) {
            if (l.startsWith("PROGRESS ")) sent = Math.max(sent, Long.parseLong(l.split(" ")[2]));
        }
        if (sent >= (2 << 20)) throw new AssertionError("the kill came too late, after the whole file (" + sent + " bytes)");
        return "killed";
    }

    static Peer pythonSender(int port, Path file) throws IOException {
        return Peer.start(Duration.ofSeconds(120), null, "python3", "-u", Peer.resource("io/ftrun/core/files/ftrun_send.py").toString(),
                "--port", String.valueOf(port), "--progress", "--rate", "128000", file.toString());
    }

    static void awaitIdle(Server s) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (s.activeConnections() > 0 && System.nanoTime() < end) Thread.sleep(10);
        assertEquals(0, s.activeConnections(), "connections still open");
    }
}
