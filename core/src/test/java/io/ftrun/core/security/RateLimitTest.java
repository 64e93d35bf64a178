package io.ftrun.core.security;

import io.ftrun.core.BatchResult;
import io.ftrun.core.Client;
import io.ftrun.core.Clients;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rate limits really bound throughput. Only lower bounds on the time are asserted, with a generous tolerance (70% of
 * the ideal): this machine is shared and slow, which can only make a transfer take longer, never shorter.
 */
class RateLimitTest {
    static final int MIB = 1 << 20;

    /** A sink that counts what it reads, then answers the count. */
    static Server sink(io.ftrun.core.ServerConfig.Builder b) throws IOException {
        return Server.start(b.build());
    }

    static io.ftrun.core.ServerConfig.Builder counting() {
        return Local.server(conn -> {
            long n = 0;
            byte[] chunk;
            while ((chunk = conn.input().readChunk()) != null) n += chunk.length;
            conn.send(Long.toString(n));
        });
    }

    static long upload(Server s, int bytes, long clientRate) throws IOException {
        try (Connection c = Client.connect(Local.client(s).rateLimit(clientRate).build())) {
            byte[] block = new byte[64 * 1024];
            for (int sent = 0; sent < bytes; sent += block.length) c.write(block, 0, Math.min(block.length, bytes - sent));
            c.shutdownOutput();
            return Long.parseLong(c.receive().text());
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    @Test
    void perConnectionLimitOnTheServersReads() throws Exception {
        try (Server s = sink(counting().rateLimit(MIB))) {
            long t0 = System.nanoTime();
            assertEquals(2L * MIB, upload(s, 2 * MIB, 0));
            double took = seconds(t0);
            assertTrue(took >= 0.7 * 2, "2 MiB at 1 MiB/s took only " + took + " s");
        }
    }

    @Test
    void totalLimitSharedByAllConnections() throws Exception {
        try (Server s = sink(counting().totalRateLimit(MIB))) {
            long t0 = System.nanoTime();
            BatchResult<Long> r = Clients.run(4, Duration.ofSeconds(30), i -> upload(s, MIB / 2, 0));
            assertTrue(r.allSucceeded(), r.toString());
            double took = seconds(t0);
            assertTrue(took >= 0.7 * 2, "4 x 0.5 MiB at 1 MiB/s in total took only " + took + " s");
        }
    }

    @Test
    void clientLimitOnItsWrites() throws Exception {
        try (Server s = sink(counting())) {
            long t0 = System.nanoTime();
            assertEquals(MIB, upload(s, MIB, MIB / 2));
            double took = seconds(t0);
            assertTrue(took >= 0.7 * 2, "1 MiB at 0.5 MiB/s took only " + took + " s");
        }
    }
}
