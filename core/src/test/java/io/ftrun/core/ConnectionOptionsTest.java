package io.ftrun.core;

import io.ftrun.core.handler.Handlers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The connection settings both sides share are defined, checked and named once (issue 13, section 4): the copies
 * in the server's and the client's builders had drifted apart.
 */
class ConnectionOptionsTest {
    private static ServerConfig.Builder server() {
        return ServerConfig.builder().handler(Handlers.echo());
    }

    @Test
    void negativeSocketBuffersAreRefusedOnBothSides() {
        // the server's builder used to clamp -1 to 0 silently while the client's refused it
        for (Supplier<ConnectionOptions.Builder<?>> side : java.util.List.<Supplier<ConnectionOptions.Builder<?>>>of(ConnectionOptionsTest::server, ClientConfig::builder)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> side.get().receiveBufferSize(-1));
            assertEquals("receiveBufferSize must not be negative, was -1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> side.get().sendBufferSize(-1));
            assertEquals("sendBufferSize must not be negative, was -1", e.getMessage());
        }
    }

    @Test
    void thePortRangeIsCheckedOnBothSidesWhenSet() {
        // the client's builder took 70000 and only its build() said no, in other words
        for (Supplier<ConnectionOptions.Builder<?>> side : java.util.List.<Supplier<ConnectionOptions.Builder<?>>>of(ConnectionOptionsTest::server, ClientConfig::builder)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> side.get().port(70000));
            assertEquals("port must be 0..65535, was 70000", e.getMessage());
        }
        assertEquals(0, server().build().port(), "a server's port 0 picks a free one");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder().build());
        assertEquals("client port must be 1..65535, was 0", e.getMessage());
    }

    @Test
    void oneNameForTheReadTimeoutWithADefaultPerSide() {
        assertEquals(Duration.ZERO, server().build().options().idleTimeout(), "a server waits for its peers");
        assertEquals(Duration.ofSeconds(60), ClientConfig.builder().port(1).build().options().idleTimeout(), "a client gives up");
        ClientConfig c = ClientConfig.builder().port(1).idleTimeout(Duration.ofSeconds(3)).chunkSize(4096).rateLimit(10).build();
        ConnectionOptions copy = c.toBuilder().build().options();
        assertEquals(Duration.ofSeconds(3), copy.idleTimeout());
        assertEquals(4096, copy.chunkSize());
        assertEquals(10, copy.rateLimit());
    }
}
