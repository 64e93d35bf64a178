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
    void aTeeFeedsBothDigestersFromArraysAndBuffers() {
        Digests.Digester file = Digests.create(Digests.CRC32C);
        Digests.Digester proof = Digests.create(Digests.SHA256);
        Digests.Digester both = Digests.tee(file, proof);
        both.update("12345".getBytes(StandardCharsets.US_ASCII), 0, 5);
        both.update(java.nio.ByteBuffer.wrap("6789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(of(Digests.CRC32C, "123456789"), HexFormat.of().formatHex(file.finish()));
        assertEquals(of(Digests.SHA256, "123456789"), HexFormat.of().formatHex(proof.finish()));
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
