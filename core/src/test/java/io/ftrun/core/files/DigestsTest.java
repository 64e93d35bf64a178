package io.ftrun.core.files;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.*;

class DigestsTest {
    private static String of(String algorithm, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        Digests.Digester d = Digests.create(algorithm);
        d.update(b, 0, b.length);
        return HexFormat.of().formatHex(d.finish());
    }

    @Test
    void checkValuesAreTheOnesInProtocolMd() {
        assertEquals("e3069283", of("crc32c", "123456789"));
        assertEquals("cbf43926", of("crc32", "123456789"));
        assertEquals("15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225", of("sha-256", "123456789"));
    }

    @Test
    void peekLeavesTheDigestUsable() {
        for (String a : Digests.supported()) {
            Digests.Digester d = Digests.create(a);
            byte[] first = "12345".getBytes(StandardCharsets.US_ASCII);
            byte[] rest = "6789".getBytes(StandardCharsets.US_ASCII);
            d.update(first, 0, first.length);
            assertEquals(of(a, "12345"), HexFormat.of().formatHex(d.peek()));
            d.update(rest, 0, rest.length);
            assertEquals(of(a, "123456789"), HexFormat.of().formatHex(d.finish()), a);
        }
    }

    @Test
    void namesAreForgivingButUnknownOnesAreNot() {
        assertEquals("sha-256", Digests.canonical("SHA256"));
        assertEquals("sha-256", Digests.canonical("SHA_256"));
        assertEquals("crc32c", Digests.canonical(" CRC-32C "));
        var e = assertThrows(IllegalArgumentException.class, () -> Digests.canonical("md5"));
        assertTrue(e.getMessage().contains("crc32c"), e.getMessage());
        assertEquals("crc32c", Digests.DEFAULT);
    }
}
