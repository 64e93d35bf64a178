package io.ftrun.core;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One message as a codec cut it from the stream: its bytes, and its text in the codec's charset. */
public final class Message {
    private final byte[] bytes;
    private final Charset charset;

    public Message(byte[] bytes, Charset charset) {
        this.bytes = bytes;
        this.charset = charset;
    }

    public static Message of(String text) {
        return new Message(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The message bytes. The array is this message's own; callers may keep it but should not modify it. */
    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    public String text() {
        return new String(bytes, charset);
    }

    /** Groovy-friendly alias: {@code msg.text}. */
    public String getText() {
        return text();
    }

    public byte[] getBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message && Arrays.equals(bytes, ((Message) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text();
    }
}
