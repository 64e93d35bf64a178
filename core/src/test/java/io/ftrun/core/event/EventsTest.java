package io.ftrun.core.event;

import io.ftrun.core.Client;
import io.ftrun.core.CloseReason;
import io.ftrun.core.Connection;
import io.ftrun.core.Handler;
import io.ftrun.core.Server;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.handler.Handlers;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The hooks logging, progress bars, metrics and tests use. */
class EventsTest {
    @Test
    void connectionsReportOpeningAndClosingWithReasonAndByteCountsOnBothSides() throws Exception {
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        try (Server s = Server.start(Local.server(Handlers.echo()).name("echo").codec(Codecs.lines()).listener(server).build())) {
            Connection c = Client.connect(Local.client(s).name("probe").codec(Codecs.lines()).listener(client).build());
            c.send("hello");
            assertEquals("hello", c.receive().text());
            c.close();
            Events.ConnectionClosed closed = server.await(Events.ConnectionClosed.class, e -> true);
            Events.ConnectionOpened opened = server.of(Events.ConnectionOpened.class).get(0);
            assertEquals("echo", opened.owner());
            assertEquals(c.localAddress(), opened.remote());
            assertEquals(s.port(), opened.local().getPort());
            assertEquals(opened.id(), closed.id());
            assertEquals(CloseReason.COMPLETED, closed.reason());
            assertEquals(6, closed.bytesIn());
            assertEquals(6, closed.bytesOut());
            assertNull(closed.error());
            assertEquals(List.of("owner", "id", "remote", "reason", "bytesIn", "bytesOut", "millis"), List.copyOf(closed.fields().keySet()));
            assertEquals("completed", closed.fields().get("reason"));
            assertEquals("connection-closed", closed.type());

            Events.ConnectionClosed mine = client.await(Events.ConnectionClosed.class, e -> true);
            assertEquals("probe", mine.owner());
            assertEquals(6, mine.bytesOut());
            assertEquals(1, client.of(Events.ConnectionOpened.class).size());
        }
        List<String> lifecycle = server.all().stream().map(Event::type).filter(t -> t.startsWith("server")).collect(Collectors.toList());
        assertEquals(List.of("server-started", "server-stopped"), lifecycle);
    }

    @Test
    void progressIsReportedWhileBytesFlowAtMostOncePerInterval() throws Exception {
        Recorder events = new Recorder();
        Handler trickle = conn -> {
            byte[] block = new byte[16 * 1024];
            for (int i = 0; i < 40; i++) {
                conn.write(block, 0, block.length);
                Thread.sleep(10);
            }
        };
        long t0 = System.nanoTime();
        try (Server s = Server.start(Local.server(trickle).progressInterval(Duration.ofMillis(50)).listener(events).build());
             Connection c = Client.connect(Local.client(s).build())) {
            while (c.receive() != null) {
                // drain
            }
            events.await(Events.ConnectionClosed.class, e -> true);
        }
        long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;
        List<Events.Progress> progress = events.of(Events.Progress.class);
        assertTrue(progress.size() >= 2, "400+ ms of sending at 50 ms: several reports, got " + progress);
        assertTrue(progress.size() <= elapsedMillis / 50 + 1, progress.size() + " reports in " + elapsedMillis + " ms exceed one per 50 ms");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i).bytesOut() > progress.get(i - 1).bytesOut(), "counts grow: " + progress);
        }
        assertTrue(progress.get(progress.size() - 1).bytesOut() <= 40 * 16 * 1024);
        assertEquals("progress", progress.get(0).type());
    }

    @Test
    void progressCanBeTurnedOffAndCountsReadsToo() throws Exception {
        Recorder off = new Recorder();
        Recorder on = new Recorder();
        Handler sink = conn -> {
            while (conn.receive() != null) {
                // count what arrives
            }
        };
        try (Server quiet = Server.start(Local.server(sink).progressInterval(Duration.ZERO).listener(off).build());
             Server chatty = Server.start(Local.server(sink).progressInterval(Duration.ofMillis(20)).listener(on).build())) {
            for (Server s : List.of(quiet, chatty)) {
                try (Connection c = Client.connect(Local.client(s).build())) {
                    for (int i = 0; i < 10; i++) {
                        c.write(new byte[1000], 0, 1000);
                        Thread.sleep(30);
                    }
                }
            }
            on.await(Events.ConnectionClosed.class, e -> true);
            off.await(Events.ConnectionClosed.class, e -> true);
        }
        assertEquals(List.of(), off.of(Events.Progress.class));
        List<Events.Progress> reads = on.of(Events.Progress.class);
        assertFalse(reads.isEmpty());
        assertTrue(reads.stream().allMatch(p -> p.bytesIn() > 0 && p.bytesOut() == 0), reads.toString());
    }

    @Test
    void aFailingListenerBreaksNeitherTheTransferNorTheOtherListeners() throws Exception {
        Recorder good = new Recorder();
        EventListener bad = e -> {
            throw new IllegalStateException("observer bug");
        };
        try (Server s = Server.start(Local.server(Handlers.echo()).codec(Codecs.lines()).listener(bad).listener(good).build());
             Connection c = Client.connect(Local.client(s).codec(Codecs.lines()).listener(bad).build())) {
            c.send("fine");
            assertEquals("fine", c.receive().text());
        }
        good.await(Events.ConnectionClosed.class, e -> e.reason() == CloseReason.COMPLETED);
    }

    /** Core reports through events only: printing would corrupt the output of whatever embeds it. */
    @Test
    void coreNeverPrints() throws IOException {
        Path main = Path.of("src/main/java");
        assertTrue(Files.isDirectory(main), "run from the core module");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String code = Files.readString(p);
                    return code.contains("System.out") || code.contains("System.err") || code.contains("printStackTrace");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).collect(Collectors.toList());
        }
        assertEquals(List.of(), offenders);
    }
}
