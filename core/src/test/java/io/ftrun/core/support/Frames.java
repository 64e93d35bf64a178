package io.ftrun.core.support;

import io.ftrun.core.codec.ByteSink;
import io.ftrun.core.codec.Codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Messages as a codec puts them on the wire, for peers that write the bytes themselves. */
public final class Frames {
    private Frames() {
    }

    public static byte[] encode(Codec codec, String... messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteSink sink = buffers -> {
            for (ByteBuffer b : buffers) {
                byte[] a = new byte[b.remaining()];
                b.get(a);
                out.write(a);
            }
        };
        for (String m : messages) {
            byte[] bytes = m.getBytes(codec.charset());
            codec.write(sink, bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }
}
