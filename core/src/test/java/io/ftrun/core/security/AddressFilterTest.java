package io.ftrun.core.security;

import io.ftrun.core.Server;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.Events;
import io.ftrun.core.handler.Handlers;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.Recorder;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressFilterTest {
    static boolean permits(AddressFilter f, String address) throws Exception {
        return f.permits(InetAddress.getByName(address));
    }

    @Test
    void cidrRangesForIpv4AndIpv6() throws Exception {
        AddressFilter f = AddressFilter.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", "2001:db8::/33"), List.of());
        assertTrue(permits(f, "10.255.0.1"));
        assertTrue(permits(f, "192.168.1.7"));
        assertFalse(permits(f, "192.168.1.8"));
        assertFalse(permits(f, "11.0.0.1"));
        assertTrue(permits(f, "fd12:3456::1"));
        assertFalse(permits(f, "fe80::1"));
        assertTrue(permits(f, "2001:db8:7fff::1"));
        assertFalse(permits(f, "2001:db8:8000::1")); // bit 33 set: outside the /33
        assertTrue(permits(f, "::ffff:10.1.2.3"), "an IPv4-mapped address is judged as IPv4");
    }

    @Test
    void denyWinsAndAnEmptyAllowListAllowsAll() throws Exception {
        AddressFilter f = AddressFilter.of(List.of("10.0.0.0/8"), List.of("10.0.0.7", "10.9.0.0/16"));
        assertTrue(permits(f, "10.0.0.8"));
        assertFalse(permits(f, "10.0.0.7"));
        assertFalse(permits(f, "10.9.3.3"));
        AddressFilter denyOnly = AddressFilter.of(List.of(), List.of("0.0.0.0/0"));
        assertFalse(permits(denyOnly, "8.8.8.8"));
        assertTrue(permits(denyOnly, "::1"), "an IPv4 range says nothing about IPv6");
        assertTrue(AddressFilter.ALLOW_ALL.permits(InetAddress.getByName("203.0.113.9")));
    }

    @Test
    void onlyLiteralsAndValidPrefixes() {
        for (String bad : List.of("example.com", "abc", "10.0.0.0/33", "::/129", "10.0.0.0/x", "", "10.0.0")) {
            assertThrows(IllegalArgumentException.class, () -> AddressFilter.of(List.of(bad), List.of()), bad);
        }
    }

    /** A denied peer is closed without a word and the server says why in its event; an allowed one is served. */
    @Test
    void serverClosesDeniedPeersSilently() throws Exception {
        Recorder events = new Recorder();
        try (Server s = Server.start(Local.server(Handlers.echo()).codec(Codecs.lines()).allow("127.0.0.2").listener(events).build())) {
            try (Socket denied = Local.socket(s, "127.0.0.1")) {
                assertEquals("", Local.readAll(denied, 100));
            }
            Events.ConnectionRefused r = events.await(Events.ConnectionRefused.class, e -> true);
            assertEquals("address not allowed", r.why());
            assertEquals("127.0.0.1", r.remote().getAddress().getHostAddress());
            try (Socket allowed = Local.socket(s, "127.0.0.2")) {
                Local.write(allowed, "hi\n");
                allowed.shutdownOutput();
                assertEquals("hi\n", Local.readAll(allowed, 100));
            }
            assertEquals(1, s.refusedConnections());
        }
    }
}
