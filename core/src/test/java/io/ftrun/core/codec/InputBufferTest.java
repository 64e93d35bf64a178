package io.ftrun.core.codec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Peeking and exact reads on a stream that hands out a few bytes per read, as a socket does. */
class InputBufferTest {
    /** At most {@code step} bytes per read. */
    private static InputStream trickle(String text, int step) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    @Test
    void peekReadsUntilItHasTheBytesAndConsumesNothing() throws IOException {
        InputBuffer in = new InputBuffer(trickle("HELLO, world", 2), 16);
        assertArrayEquals("HELLO, wo".getBytes(StandardCharsets.US_ASCII), in.peek(9), "9 bytes, over 5 reads of 2");
        assertEquals(10, in.bytesRead());
        byte[] all = new byte[12];
        in.readFully(all, 0, 12, "a greeting");
        assertEquals("HELLO, world", new String(all, StandardCharsets.US_ASCII), "the peeked bytes come first");
    }

    @Test
    void peekReturnsFewerAtTheEndOfTheStream() throws IOException {
        InputBuffer in = new InputBuffer(trickle("abc", 1), 16);
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), in.peek(9));
        assertEquals("abc", new String(in.readChunk(), StandardCharsets.US_ASCII));
        assertEquals(0, in.peek(9).length);
    }

    @Test
    void aShortExactReadSaysWhatWasCutOff() {
        InputBuffer in = new InputBuffer(trickle("abc", 1), 16);
        EOFException e = assertThrows(EOFException.class, () -> in.readFully(new byte[5], 0, 5, "a message header"));
        assertEquals("peer closed the connection in the middle of a message header (2 bytes missing)", e.getMessage());
    }
}
