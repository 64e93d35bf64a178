package io.ftrun.core;

import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.NamingPolicies;
import io.ftrun.core.support.Eventually;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ftrun.core.support.ProxyHeaders.address;
import static io.ftrun.core.support.ProxyHeaders.concat;
import static io.ftrun.core.support.ProxyHeaders.v1;
import static io.ftrun.core.support.ProxyHeaders.v2;
import static io.ftrun.core.support.ProxyHeaders.v2Local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers behind a load balancer: the PROXY header (v1 and v2) gives handlers, events, naming and per-address
 * limits the real client; a connection without a valid header is refused; the header costs the accept loop nothing.
 */
class ProxyProtocolTest {
    /** Answers the first line with what the server believes about the connection. */
    private static final Handler WHO = c -> {
        Message first = c.receive();
        c.send("remote=" + addr(c.remoteAddress()) + " via=" + addr(c.proxiedBy()) + " first=" + (first == null ? null : first.text()));
    };

    private static String addr(InetSocketAddress a) {
        return a == null ? "none" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static ServerConfig.Builder behindBalancer(ProxyProtocol p, Recorder events) {
        return Local.server(WHO).codec(Codecs.lines()).proxyProtocol(p).listener(events);
    }

    /** Writes {@code bytes} in one go (header and data in one segment, as balancers often do) and reads the answer. */
    private static String exchange(Socket s, byte[] bytes) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(bytes);
        out.flush();
        s.shutdownOutput();
        return Local.readAll(s, 4096);
    }

    private static String local(Socket s) {
        return s.getLocalAddress().getHostAddress() + ":" + s.getLocalPort();
    }

    @Test
    void aV1HeaderGivesTheHandlerTheClientAndLeavesTheDataAfterItUntouched() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(behindBalancer(ProxyProtocol.V1, events).build());
             Socket balancer = Local.socket(s)) {
            byte[] header = v1(address("192.0.2.7", 51000), address("198.51.100.1", 443));
            assertEquals("remote=192.0.2.7:51000 via=" + local(balancer) + " first=hello\n", exchange(balancer, concat(header, "hello\n")));
            Events.ConnectionOpened opened = events.await(Events.ConnectionOpened.class, e -> true);
            assertEquals("192.0.2.7:51000", addr(opened.remote()), "events carry the client, not the balancer");
            assertEquals(local(balancer), addr(opened.proxiedBy()));
            assertEquals(local(balancer), opened.fields().get("proxiedBy"));
            assertEquals("192.0.2.7:51000", addr(events.await(Events.ConnectionClosed.class, e -> true).remote()));
        }
    }

    @Test
    void aV2HeaderWithTlvsIpv4AndIpv6IsConsumedExactly() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(behindBalancer(ProxyProtocol.V2, events).build())) {
            byte[] tlv = {0x05, 0x00, 0x03, 'a', 'b', 'c'}; // PP2_TYPE_UNIQUE_ID, skipped
            try (Socket balancer = Local.socket(s)) {
                byte[] header = v2(address("203.0.113.9", 40001), address("127.0.0.1", s.port()), tlv);
                assertEquals("remote=203.0.113.9:40001 via=" + local(balancer) + " first=data\n", exchange(balancer, concat(header, "data\n")));
            }
            try (Socket balancer = Local.socket(s)) {
                byte[] header = v2(address("2001:db8::17", 40002), address("2001:db8::1", 443), new byte[0]);
                assertEquals("remote=2001:db8:0:0:0:0:0:17:40002 via=" + local(balancer) + " first=six\n", exchange(balancer, concat(header, "six\n")));
            }
        }
    }

    @Test
    void anyAcceptsBothVersionsAndTheHeaderMaySpanManySegments() throws Exception {
        try (Server s = Server.start(behindBalancer(ProxyProtocol.ANY, new Recorder()).build())) {
            try (Socket balancer = Local.socket(s)) {
                assertTrue(exchange(balancer, concat(v1(address("10.1.2.3", 1), address("10.1.2.4", 2)), "a\n")).startsWith("remote=10.1.2.3:1 "));
            }
            try (Socket balancer = Local.socket(s)) {
                byte[] all = concat(v2(address("10.9.9.9", 65535), address("10.1.2.4", 2), new byte[0]), "b\n");
                OutputStream out = balancer.getOutputStream();
                for (byte b : all) { // one byte per segment: the reader must wait for each
                    out.write(b);
                    out.flush();
                }
                balancer.shutdownOutput();
                assertEquals("remote=10.9.9.9:65535 via=" + local(balancer) + " first=b\n", Local.readAll(balancer, 4096));
            }
        }
    }

    @Test
    void localAndUnknownHeadersKeepTheSocketsAddress() throws Exception {
        try (Server s = Server.start(behindBalancer(ProxyProtocol.ANY, new Recorder()).build())) {
            try (Socket balancer = Local.socket(s)) {
                assertEquals("remote=" + local(balancer) + " via=none first=check\n", exchange(balancer, concat(v2Local(), "check\n")));
            }
            try (Socket balancer = Local.socket(s)) {
                byte[] unknown = "PROXY UNKNOWN ff::1 whatever\r\n".getBytes(StandardCharsets.US_ASCII);
                assertEquals("remote=" + local(balancer) + " via=none first=x\n", exchange(balancer, concat(unknown, "x\n")));
            }
        }
    }

    @Test
    void aConnectionWithoutTheExpectedHeaderIsRefusedAndNeverReachesTheHandler() throws Exception {
        Recorder events = new Recorder();
        AtomicInteger handled = new AtomicInteger();
        ServerConfig config = Local.server(c -> handled.incrementAndGet()).proxyProtocol(ProxyProtocol.V2).listener(events).build();
        try (Server s = Server.start(config)) {
            try (Socket direct = Local.socket(s)) {
                assertEquals("", exchange(direct, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            }
            try (Socket wrongVersion = Local.socket(s)) {
                assertEquals("", exchange(wrongVersion, concat(v1(address("10.0.0.1", 1), address("10.0.0.2", 2)), "x\n")));
            }
            var refused = events.await(Events.ConnectionRefused.class, e -> true, 2, Duration.ofSeconds(10));
            assertTrue(refused.get(0).why().startsWith("PROXY protocol: expected a PROXY protocol header (V2), the connection starts with 'GET / HTTP/1.0\\x0d'"), refused.get(0).why());
            assertEquals("PROXY protocol: PROXY protocol v1 header, but this server expects V2", refused.get(1).why());
            assertEquals(0, handled.get());
            assertEquals(2, s.refusedConnections());
            assertEquals(0, s.completedConnections(), "a refused connection was not served");
            assertTrue(events.of(Events.ConnectionOpened.class).isEmpty(), "nothing was opened in the name of the balancer");
            assertTrue(events.of(Events.ConnectionClosed.class).isEmpty());
            Eventually.equals(0, s::activeConnections, "slots released");
        }
    }

    @Test
    void aSlowOrTricklingHeaderIsCutOffAtItsDeadlineWhileOthersAreServed() throws Exception {
        Recorder events = new Recorder();
        ServerConfig config = behindBalancer(ProxyProtocol.V1, events).proxyHeaderTimeout(Duration.ofMillis(600))
                .concurrency(Concurrency.threads()).build();
        try (Server s = Server.start(config);
             Socket silent = Local.socket(s);
             Socket trickle = Local.socket(s)) {
            Local.write(silent, "PROXY TCP4 ");
            long start = System.nanoTime();
            Thread feeder = new Thread(() -> {
                try {
                    // every byte well within any per-read timeout, but the whole header never within the deadline
                    for (char c : "PROXY TCP4 10.0.0.1 10.0.0.2 1111 2222".toCharArray()) {
                        Local.write(trickle, String.valueOf(c));
                        Thread.sleep(100);
                    }
                } catch (Exception done) {
                    // the server cut us off, as it should
                }
            });
            feeder.start();
            try (Socket prompt = Local.socket(s)) { // the accept loop is not waiting for the slow ones
                assertTrue(exchange(prompt, concat(v1(address("10.7.7.7", 7), address("10.0.0.2", 2)), "hi\n")).startsWith("remote=10.7.7.7:7 "));
            }
            var refused = events.await(Events.ConnectionRefused.class, e -> true, 2, Duration.ofSeconds(10));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis >= 550 && millis < 3000, "cut off at the deadline, took " + millis + " ms");
            for (var r : refused) assertEquals("PROXY protocol: no complete PROXY protocol header within 600 ms", r.why());
            feeder.join(10_000);
            assertEquals(-1, silent.getInputStream().read(), "closed");
        }
    }

    @Test
    void onlyTrustedProxiesMaySendAHeader() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(behindBalancer(ProxyProtocol.V1, events).trustedProxies("127.0.0.2").build())) {
            byte[] headerAndData = concat(v1(address("10.0.0.1", 1000), address("10.0.0.2", 2)), "x\n");
            try (Socket untrusted = Local.socket(s, "127.0.0.1")) {
                assertEquals("", exchange(untrusted, headerAndData));
            }
            assertEquals("not a trusted proxy: a PROXY protocol header is only accepted from [127.0.0.2]",
                    events.await(Events.ConnectionRefused.class, e -> true).why());
            try (Socket trusted = Local.socket(s, "127.0.0.2")) {
                assertTrue(exchange(trusted, headerAndData).startsWith("remote=10.0.0.1:1000 via=127.0.0.2:"));
            }
        }
    }

    @Test
    void trustedProxiesMayBeARange() throws Exception {
        Recorder events = new Recorder();
        // 127.0.0.4/30 is 127.0.0.4 .. 127.0.0.7: a pool of balancers
        try (Server s = Server.start(behindBalancer(ProxyProtocol.V1, events).trustedProxies("127.0.0.4/30").build())) {
            byte[] headerAndData = concat(v1(address("10.0.0.1", 1000), address("10.0.0.2", 2)), "x\n");
            try (Socket inside = Local.socket(s, "127.0.0.6")) {
                assertTrue(exchange(inside, headerAndData).startsWith("remote=10.0.0.1:1000 via=127.0.0.6:"));
            }
            try (Socket outside = Local.socket(s, "127.0.0.8")) {
                assertEquals("", exchange(outside, headerAndData));
            }
            assertEquals("not a trusted proxy: a PROXY protocol header is only accepted from [127.0.0.4/30]",
                    events.await(Events.ConnectionRefused.class, e -> true).why());
        }
    }

    @Test
    void perAddressLimitsCountTheRealClientNotTheBalancer() throws Exception {
        Recorder events = new Recorder();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Handler hold = c -> {
            c.send("in " + c.remoteAddress().getAddress().getHostAddress());
            release.await();
        };
        ServerConfig config = Local.server(hold).codec(Codecs.lines()).proxyProtocol(ProxyProtocol.V2)
                .maxConnectionsPerAddress(1).concurrency(Concurrency.threads()).listener(events).build();
        try (Server s = Server.start(config);
             Socket a = Local.socket(s);
             Socket b = Local.socket(s);
             Socket a2 = Local.socket(s)) {
            // three connections from one balancer address: two clients are served, the second from client A is not
            a.getOutputStream().write(v2(address("10.0.0.1", 1), address("10.0.0.9", 9), new byte[0]));
            assertEquals("in 10.0.0.1\n", readLine(a));
            b.getOutputStream().write(v2(address("10.0.0.2", 1), address("10.0.0.9", 9), new byte[0]));
            assertEquals("in 10.0.0.2\n", readLine(b));
            a2.getOutputStream().write(v2(address("10.0.0.1", 2), address("10.0.0.9", 9), new byte[0]));
            assertEquals("ERROR server busy, try again later\n", Local.readAll(a2, 1000));
            var refused = events.await(Events.ConnectionRefused.class, e -> true);
            assertEquals("address at its limit of 1 connections", refused.why());
            assertEquals("10.0.0.1:2", addr(refused.remote()), "the refusal names the client");
            release.countDown();
        }
    }

    private static String readLine(Socket s) throws Exception {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = s.getInputStream().read()) >= 0) {
            b.append((char) c);
            if (c == '\n') break;
        }
        return b.toString();
    }

    @Test
    void receivedFilesAreNamedAfterTheRealClient(@TempDir Path dir) throws Exception {
        FileReceiverConfig files = FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.RAW)
                .naming(NamingPolicies.template("{remote}_{port}.bin")).build();
        Recorder events = new Recorder();
        try (Server s = Server.start(Local.server(FileReceiver.handler(files)).proxyProtocol(ProxyProtocol.V1).listener(events).build());
             Socket balancer = Local.socket(s)) {
            exchange(balancer, concat(v1(address("192.0.2.44", 61000), address("192.0.2.1", 21)), "the file's bytes"));
            events.await(io.ftrun.core.files.FileEvents.FileReceived.class, e -> true);
        }
        assertEquals("the file's bytes", Files.readString(dir.resolve("192.0.2.44_61000.bin")));
    }

    @Test
    void trustedProxiesMustBeAddressesAndNeedTheProtocolOn() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().proxyProtocol(ProxyProtocol.V2).trustedProxies("balancer.example"));
        assertEquals("trusted proxy must be an IP address or CIDR range, not 'balancer.example'", e.getMessage());
        var off = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().trustedProxies("10.0.0.1").handler(c -> { }).build());
        assertTrue(off.getMessage().contains("does not expect the PROXY protocol"));
        assertFalse(ProxyProtocol.V1.accepts(2));
    }
}
