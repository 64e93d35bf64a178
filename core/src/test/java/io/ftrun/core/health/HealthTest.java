package io.ftrun.core.health;

import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.stats.ServerStats;
import io.ftrun.core.support.Eventually;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The health port a load balancer checks: status, metrics, and drain mode for rolling restarts. */
class HealthTest {
    @TempDir
    Path dir;

    private static String http(Server health, String request) throws Exception {
        try (Socket s = Local.socket(health)) {
            Local.write(s, request);
            return Local.readAll(s, 1 << 16);
        }
    }

    @Test
    void healthMetricsAndADrainThatLetsTheTransferInFlightFinish() throws Exception {
        ServerStats metrics = new ServerStats(List.of("inbox"));
        Drain drain = new Drain();
        FileReceiverConfig files = FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.RAW).build();
        Server inbox = Server.start(Local.server(FileReceiver.handler(files)).name("inbox").listener(metrics)
                .shutdownGrace(Duration.ofSeconds(2)).build());
        Server health = Server.start(Local.server(new HealthHandler(new ServerMetrics(metrics), drain)).name("health").build());
        CompletableFuture<Void> drained = new CompletableFuture<>();
        // What a process does when draining starts: stop accepting, give transfers in flight a long time to finish.
        drain.onStart(() -> {
            inbox.shutdown(Duration.ofSeconds(30)).join();
            drained.complete(null);
        });
        try {
            String ok = http(health, "GET /health HTTP/1.0\r\nHost: x\r\n\r\n");
            assertTrue(ok.startsWith("HTTP/1.0 200 OK\r\n"), ok);
            assertTrue(ok.endsWith("\r\n\r\nok\n"), ok);
            assertTrue(http(health, "HEAD /health HTTP/1.0\r\n\r\n").endsWith("Connection: close\r\n\r\n"), "HEAD has no body");

            try (Socket upload = Local.socket(inbox)) {
                Local.write(upload, "first file");
                upload.shutdownOutput();
                Local.readAll(upload, 10);
            }
            Eventually.equals(1, () -> (int) count(metricsOrEmpty(health), "ftrun_files_received_total{server=\"inbox\"}"), "files received");
            // bytes are counted when the connection-closed event comes, which may be just after the client saw the close
            Eventually.equals(10, () -> (int) count(metricsOrEmpty(health), "ftrun_bytes_received_total{server=\"inbox\"}"), "bytes received");
            String m = metricsText(health);
            assertTrue(m.contains("# TYPE ftrun_files_received_total counter\n"), m);
            assertEquals(1, count(m, "ftrun_connections_total{server=\"inbox\"}"), m);
            assertEquals(10, count(m, "ftrun_bytes_received_total{server=\"inbox\"}"), m);
            assertEquals(0, count(m, "ftrun_draining"), m);

            Socket inFlight = Local.socket(inbox);
            Local.write(inFlight, "second file, ");
            Eventually.equals(1, inbox::activeConnections, "upload in flight");

            String accepted = http(health, "POST /drain HTTP/1.1\r\nContent-Length: 3\r\n\r\nnow");
            assertTrue(accepted.startsWith("HTTP/1.0 202 Accepted"), accepted);
            assertTrue(http(health, "GET /health HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 503 Service Unavailable"));
            assertEquals(1, count(metricsText(health), "ftrun_draining"));
            // The drain stops accepting on its own thread: isRunning() turns false before the listening socket is
            // closed, and a connect in that moment still lands in the kernel's queue. So wait for refusals.
            long deadline = System.nanoTime() + 5_000_000_000L;
            boolean refused = false;
            while (!refused && System.nanoTime() < deadline) {
                try {
                    Local.socket(inbox).close();
                    Thread.sleep(5);
                } catch (ConnectException e) {
                    refused = true;
                }
            }
            assertTrue(refused, "no new connections while draining");
            assertThrows(ConnectException.class, () -> Local.socket(inbox).close(), "and none after");

            Local.write(inFlight, "finished after the drain began");
            inFlight.shutdownOutput();
            Local.readAll(inFlight, 10);
            inFlight.close();
            drained.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("second file, finished after the drain began", Files.readString(dir.resolve("file_2")));
            assertTrue(http(health, "GET /nothing HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 404"));
            assertTrue(http(health, "GET /drain HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 405"));
        } finally {
            inbox.close();
            health.close();
        }
    }

    private static String metricsText(Server health) throws Exception {
        String r = http(health, "GET /metrics HTTP/1.0\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"), r);
        return r;
    }

    private static String metricsOrEmpty(Server health) {
        try {
            return metricsText(health);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long count(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) return Long.parseLong(line.substring(series.length() + 1).trim());
        }
        throw new AssertionError(series + " not in\n" + metrics);
    }

    private static String http(Server health, String from, String request) throws Exception {
        try (Socket s = Local.socket(health, from)) {
            Local.write(s, request);
            return Local.readAll(s, 1 << 16);
        }
    }

    @Test
    void onlyLoopbackMayDrainByDefault() throws Exception {
        Drain drain = new Drain();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Server health = Server.start(Local.server(new HealthHandler(new ServerMetrics(new ServerStats()), drain,
                DrainAccess.of(List.of("127.0.0.1"), null), warnings::add)).name("health").build());
        try {
            String refused = http(health, "127.0.0.2", "POST /drain HTTP/1.0\r\n\r\n");
            assertTrue(refused.startsWith("HTTP/1.0 403 Forbidden"), refused);
            assertTrue(http(health, "127.0.0.2", "GET /health HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 200"), "checks stay open to all");
            assertEquals(false, drain.isDraining());
            assertEquals(List.of("health: refused POST /drain from 127.0.0.2: only 127.0.0.1 may drain (see drainFrom)"), warnings);

            assertTrue(http(health, "127.0.0.1", "POST /drain HTTP/1.0\r\n\r\n").startsWith("HTTP/1.0 202"));
            assertTrue(drain.isDraining());
        } finally {
            health.close();
        }
        assertEquals(List.of("127.0.0.0/8", "::1"), DrainAccess.LOCAL.allowedFrom());
        assertEquals(DrainAccess.Decision.FORBIDDEN, DrainAccess.LOCAL.decide(java.net.InetAddress.getByName("192.0.2.1"), null));
    }

    @Test
    void aDrainTokenIsRequiredWhenSet() throws Exception {
        Drain drain = new Drain();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Server health = Server.start(Local.server(new HealthHandler(new ServerMetrics(new ServerStats()), drain,
                DrainAccess.of(List.of(), "s3cret"), warnings::add)).name("health").build());
        try {
            String none = http(health, "POST /drain HTTP/1.0\r\n\r\n");
            assertTrue(none.startsWith("HTTP/1.0 401 Unauthorized\r\n") && none.contains("\r\nWWW-Authenticate: Bearer\r\n"), none);
            assertTrue(http(health, "POST /drain HTTP/1.0\r\nAuthorization: Bearer s3creT\r\n\r\n").startsWith("HTTP/1.0 401"));
            assertTrue(http(health, "POST /drain HTTP/1.0\r\nAuthorization: Basic czNjcmV0\r\n\r\n").startsWith("HTTP/1.0 401"));
            assertEquals(false, drain.isDraining());
            assertEquals(3, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).endsWith(": no drain token"), warnings.get(0));
            assertTrue(warnings.get(1).endsWith(": a wrong drain token"), warnings.get(1));
            String ok = http(health, "POST /drain HTTP/1.1\r\nauthorization:  bearer s3cret \r\n\r\n");
            assertTrue(ok.startsWith("HTTP/1.0 202"), ok);
            assertTrue(drain.isDraining());
        } finally {
            health.close();
        }
        assertThrows(IllegalArgumentException.class, () -> DrainAccess.of(List.of(), " "));
        assertThrows(IllegalArgumentException.class, () -> DrainAccess.of(List.of("not-an-address"), null));
    }

    @Test
    void labelValuesAreEscaped() {
        ServerMetrics m = new ServerMetrics(new ServerStats(List.of("a\"b\\c\nd")));
        assertTrue(m.prometheus(false).contains("ftrun_connections_total{server=\"a\\\"b\\\\c\\nd\"} 0\n"));
    }
}
