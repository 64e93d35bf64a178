package io.ftrun.core.codec;

import io.ftrun.core.support.Frames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Codecs against streams that deliver one byte per read (every boundary split) and all bytes in one read
 * (every message coalesced): the two extremes TCP segmentation can produce. {@code chunk} is the read size.
 */
class CodecsTest {
    /** An input stream returning at most {@code step} bytes per read, like a peer writing that much at a time. */
    static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    static InputBuffer input(String data, int step) {
        return new InputBuffer(trickle(data.getBytes(StandardCharsets.UTF_8), step), 64);
    }

    static List<String> readAll(Codec codec, InputBuffer in) throws IOException {
        List<String> out = new ArrayList<>();
        byte[] m;
        while ((m = codec.read(in)) != null) out.add(new String(m, codec.charset()));
        return out;
    }

    static byte[] encode(Codec codec, String... messages) throws IOException {
        return Frames.encode(codec, messages);
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 3, 1 << 16})
    void linesSplitAtAnyBoundaryAndDropTrailingCr(int step) throws IOException {
        InputBuffer in = input("one\ntwo\r\n\nwörld\r\nlast without newline", step);
        assertEquals(List.of("one", "two", "", "wörld", "last without newline"), readAll(Codecs.lines(), in));
        assertTrue(in.isEndOfStream());
    }

    @Test
    void linesKeepACarriageReturnInsideTheLine() throws IOException {
        assertEquals(List.of("a\rb"), readAll(Codecs.lines(), input("a\rb\n", 1)));
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 2, 1 << 16})
    void multiByteDelimiterSplitAcrossReads(int step) throws IOException {
        Codec crlf = Codecs.lines("\r\n", StandardCharsets.US_ASCII, 5);
        // "abcde" is exactly the maximum: its delimiter arriving in two reads must not count against the line
        assertEquals(List.of("abcde", "x\ry", ""), readAll(crlf, input("abcde\r\nx\ry\r\n\r\n", step)));
    }

    @Test
    void configurableDelimiterAndCharset() throws IOException {
        Charset latin1 = StandardCharsets.ISO_8859_1;
        Codec c = Codecs.lines("||", latin1, 100);
        byte[] wire = encode(c, "café", "naïve");
        assertArrayEquals("café||naïve||".getBytes(latin1), wire);
        assertEquals(List.of("café", "naïve"), readAll(c, new InputBuffer(trickle(wire, 1), 16)));
    }

    @Test
    void linesUtf16DelimiterHasNoByteOrderMark() throws IOException {
        Codec c = Codecs.lines("\n", StandardCharsets.UTF_16BE, 100);
        byte[] wire = encode(c, "hi");
        assertArrayEquals(new byte[]{0, 'h', 0, 'i', 0, '\n'}, wire);
        assertEquals(List.of("hi"), readAll(c, new InputBuffer(trickle(wire, 1), 16)));
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 1 << 16})
    void linesMaximumIsHardAndBounded(int step) throws IOException {
        Codec c = Codecs.lines("\n", StandardCharsets.UTF_8, 8);
        assertEquals(List.of("12345678", "12345678"), readAll(c, input("12345678\n12345678\r\n", step)));
        InputBuffer tooLong = new InputBuffer(trickle(new byte[1 << 20], step), 64);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> c.read(tooLong));
        assertEquals(8, e.maxSize());
        assertTrue(e.getMessage().contains("maximum of 8 bytes"), e.getMessage());
        assertTrue(tooLong.bytesRead() <= 64 + 16, "stopped reading early, read " + tooLong.bytesRead());
        assertThrows(FrameTooLargeException.class, () -> c.read(input("123456789\n", step)));
        assertThrows(FrameTooLargeException.class, () -> encode(c, "123456789"));
    }

    @Test
    void linesEncodeAppendsTheDelimiter() throws IOException {
        assertEquals("a\nb\n", new String(encode(Codecs.lines(), "a", "b"), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 3, 1 << 16})
    void lengthPrefixedHeaderSplitAcrossReads(int step) throws IOException {
        Codec c = Codecs.lengthPrefixed(1000);
        byte[] wire = encode(c, "hello", "", "wörld");
        assertArrayEquals(new byte[]{0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o', 0, 0, 0, 0}, java.util.Arrays.copyOf(wire, 13));
        assertEquals(List.of("hello", "", "wörld"), readAll(c, new InputBuffer(trickle(wire, step), 64)));
    }

    @Test
    void lengthPrefixedRejectsOversizeHeaderBeforeReadingTheBody() throws IOException {
        Codec c = Codecs.lengthPrefixed(16);
        InputBuffer in = new InputBuffer(trickle(new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2}, 1), 64);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> c.read(in));
        assertEquals(0xffffffffL, e.size(), "the header is unsigned");
        assertThrows(FrameTooLargeException.class, () -> encode(c, "x".repeat(17)));
    }

    @Test
    void lengthPrefixedTruncationIsAnError() {
        Codec c = Codecs.lengthPrefixed(100);
        assertThrows(EOFException.class, () -> c.read(new InputBuffer(trickle(new byte[]{0, 0}, 1), 64)));
        assertThrows(EOFException.class, () -> c.read(new InputBuffer(trickle(new byte[]{0, 0, 0, 9, 'a'}, 1), 64)));
    }

    @ParameterizedTest(name = "{0} byte(s) per read")
    @ValueSource(ints = {1, 1000, 1 << 16})
    void rawIsEverythingUntilTheEnd(int step) throws IOException {
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        InputBuffer in = new InputBuffer(trickle(data, step), 512);
        assertArrayEquals(data, Codecs.raw(5000).read(in));
        assertNull(Codecs.raw(5000).read(in));
        assertNull(Codecs.raw(10).read(new InputBuffer(trickle(new byte[0], 1), 512)));
    }

    @Test
    void rawMaximumIsHard() {
        InputBuffer in = new InputBuffer(trickle(new byte[5001], 1000), 512);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> Codecs.raw(5000).read(in));
        assertEquals(5000, e.maxSize());
    }

    @Test
    void chunksAreWhatOneReadBringsCappedByChunkSizeAndMaximum() throws IOException {
        InputBuffer in = new InputBuffer(trickle(new byte[3000], 3000), 1024);
        assertEquals(1024, Codecs.chunks(1 << 20).read(in).length, "a read never exceeds the chunk size");
        assertEquals(100, Codecs.chunks(100).read(in).length, "recv(100) returns at most 100 bytes");
        int rest = 0;
        byte[] m;
        while ((m = Codecs.chunks(1 << 20).read(in)) != null) rest += m.length;
        assertEquals(3000 - 1124, rest, "nothing is lost between chunks");
    }

    @Test
    void byNameResolvesEveryCodecAndRejectsUnknownNames() {
        for (String n : List.of("raw", "chunks", "lines", "length-prefixed")) {
            Codec c = Codecs.byName(n, 4096);
            assertEquals(n, c.name());
            assertEquals(4096, c.maxSize());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Codecs.byName("json", 1));
        assertTrue(e.getMessage().contains("unknown framing 'json'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Codecs.raw(0));
    }

    @Test
    void inputBufferReadFullyAcrossReadsAndCopyToReusesItsBuffer() throws IOException {
        byte[] data = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        InputBuffer in = new InputBuffer(trickle(data, 1), 16);
        byte[] first = new byte[10];
        in.readFully(first);
        assertEquals("0123456789", new String(first, StandardCharsets.US_ASCII));
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        assertEquals(6, in.copyTo(rest, 100));
        assertEquals("abcdef", rest.toString(StandardCharsets.US_ASCII));
        assertEquals(16, in.bytesRead());
        assertTrue(in.isEndOfStream());
    }
}
