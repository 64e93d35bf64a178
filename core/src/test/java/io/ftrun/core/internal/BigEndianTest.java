package io.ftrun.core.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same bytes as java.nio's big-endian ByteBuffer, unsigned on the way back. */
class BigEndianTest {
    @Test
    void matchesByteBufferBothWays() {
        for (int v : new int[]{0, 1, 255, 256, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x01020304}) {
            byte[] expected = ByteBuffer.allocate(4).putInt(v).array();
            assertArrayEquals(expected, BigEndian.bytes(v));
            byte[] framed = new byte[6];
            System.arraycopy(expected, 0, framed, 1, 4);
            assertEquals(Integer.toUnsignedLong(v), BigEndian.u32(framed, 1));
        }
    }
}
