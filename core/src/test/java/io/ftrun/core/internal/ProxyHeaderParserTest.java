package io.ftrun.core.internal;

import io.ftrun.core.support.ProxyHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The PROXY header rules of HAProxy's proxy-protocol.txt, including what a receiver must refuse. */
class ProxyHeaderParserTest {
    private static ProxyHeader v1(String line) throws Exception {
        return ProxyHeaderParser.parseV1(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static ProxyHeader v2(byte[] whole) throws Exception {
        return ProxyHeaderParser.parseV2(Arrays.copyOf(whole, 16), Arrays.copyOfRange(whole, 16, whole.length));
    }

    @Test
    void v1AddressesAndPorts() throws Exception {
        ProxyHeader h = v1("PROXY TCP4 255.255.255.255 0.0.0.0 65535 0");
        assertEquals("255.255.255.255", h.source().getAddress().getHostAddress());
        assertEquals(65535, h.source().getPort());
        assertEquals(0, h.destination().getPort());
        ProxyHeader six = v1("PROXY TCP6 ffff:f...f:ffff ::1 1 2".replace("ffff:f...f:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertEquals("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", six.source().getAddress().getHostAddress());
        assertNull(v1("PROXY UNKNOWN").source());
        assertNull(v1("PROXY UNKNOWN 1.2.3.4 5.6.7.8 1 2").source());
    }

    @Test
    void theLongestV1HeaderFitsItsLimit() {
        String longest = "PROXY UNKNOWN ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff 65535 65535\r\n";
        assertEquals(ProxyHeaderParser.V1_MAX, longest.length(), "the specification's worst case");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "PROXY", "PROXY TCP4", "PROXY TCP5 1.2.3.4 5.6.7.8 1 2", "PROXY tcp4 1.2.3.4 5.6.7.8 1 2",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1", "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3", "PROXY TCP4  1.2.3.4 5.6.7.8 1 2",
            "PROXY TCP4 1.2.3.256 5.6.7.8 1 2", "PROXY TCP4 1.2.3 5.6.7.8 1 2", "PROXY TCP4 localhost 5.6.7.8 1 2",
            "PROXY TCP4 ::1 5.6.7.8 1 2", "PROXY TCP6 1.2.3.4 ::1 1 2", "PROXY TCP6 example.com ::1 1 2",
            "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2", "PROXY TCP4 1.2.3.4 5.6.7.8 -1 2", "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\u0000",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r", "PROXY TCP4 1.2.3.4 5.6.7.8 1 \u00e92"})
    void malformedV1HeadersAreRefused(String line) {
        assertThrows(ProxyHeaderException.class, () -> v1(line));
    }

    @Test
    void v2LocalUnspecAndUnixCarryNoClient() throws Exception {
        assertNull(v2(ProxyHeaders.v2Local()).source());
        assertNull(v2(ProxyHeaders.v2Raw(0x21, 0x00, new byte[0])).source());
        assertNull(v2(ProxyHeaders.v2Raw(0x21, 0x31, new byte[216])).source());
    }

    @Test
    void v2RefusesWhatItCannotUnderstand() {
        byte[] addresses = new byte[12];
        assertThrows(ProxyHeaderException.class, () -> v2(ProxyHeaders.v2Raw(0x11, 0x11, addresses)), "version 1 in a v2 header");
        assertThrows(ProxyHeaderException.class, () -> v2(ProxyHeaders.v2Raw(0x22, 0x11, addresses)), "unknown command");
        assertThrows(ProxyHeaderException.class, () -> v2(ProxyHeaders.v2Raw(0x21, 0x41, addresses)), "unknown family");
        assertThrows(ProxyHeaderException.class, () -> v2(ProxyHeaders.v2Raw(0x21, 0x12, addresses)), "UDP");
        assertThrows(ProxyHeaderException.class, () -> v2(ProxyHeaders.v2Raw(0x21, 0x11, new byte[11])), "short IPv4 block");
        assertThrows(ProxyHeaderException.class, () -> v2(ProxyHeaders.v2Raw(0x21, 0x21, new byte[35])), "short IPv6 block");
    }
}
