package io.ftrun.core.reliability;

import io.ftrun.core.Server;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiver;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.support.Local;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage, oversized, truncated and mutated frames on a framed port, each on its own connection. The peer is told
 * why (ERROR, code 1 PROTOCOL, for anything malformed), nothing is written for a bad session, a mutated session
 * stores a file only when the receiver confirmed it with DONE, and the server goes on serving. The frames are built
 * here from docs/PROTOCOL.md, independently of the engine's own encoder.
 */
class GarbageFramesTest {
    static final int GARBAGE = 150;
    static final int OVERSIZED = 50;
    static final int TRUNCATED = 50;
    static final int MUTATED = 150;
    static final int PROTOCOL = 1;

    static final int HELLO = 1, FILE = 3, DATA = 6, END = 7, DONE = 8, ERROR = 9, BYE = 10;

    @Test
    void badFramesAreRefusedAndWriteNothing(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path inbox = tmp.resolve("inbox");
        FileReceiverConfig cfg = FileReceiverConfig.builder().directory(inbox).protocol(FileProtocol.FRAMED).allowResume(false).build();
        Random rnd = new Random(8);
        try (Server server = Server.start(Local.server(FileReceiver.handler(cfg)).build())) {
            int answered = 0;
            for (int i = 0; i < GARBAGE; i++) {
                byte[] junk = new byte[1 + rnd.nextInt(3000)];
                rnd.nextBytes(junk);
                answered += expectProtocolError(server, junk, "garbage #" + i);
            }
            for (int i = 0; i < OVERSIZED; i++) {
                long huge = 65_537 + (long) (rnd.nextDouble() * (0xFFFF_FFFFL - 65_537));
                byte[] session = switch (i % 3) {
                    case 0 -> header(HELLO, huge);                                           // a control message over 64 KiB
                    case 1 -> concat(hello(), header(FILE, huge));
                    default -> concat(hello(), file("big.bin", 10L << 20), header(DATA, (1 << 20) + 1 + (huge % 1000))); // DATA over 1 MiB
                };
                answered += expectProtocolError(server, session, "oversized #" + i);
            }
            for (int i = 0; i < TRUNCATED; i++) {
                byte[] whole = validSession("t" + i + ".bin", payload(rnd, 5000));
                int cut = 1 + rnd.nextInt(whole.length - 12); // stops before the END frame is complete
                answered += expectProtocolError(server, java.util.Arrays.copyOf(whole, cut), "truncated #" + i);
            }
            assertEquals(List.of(), Uploads.finalNames(inbox), "nothing stored from a bad session");
            assertEquals(List.of(), Uploads.temporaries(inbox), "no temporaries left either");

            int done = 0;
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < MUTATED; i++) {
                byte[] data = payload(rnd, 2000);
                byte[] session = validSession("m" + i + ".bin", data);
                for (int flips = 1 + rnd.nextInt(3); flips > 0; flips--) session[rnd.nextInt(session.length)] ^= (byte) (1 + rnd.nextInt(255));
                List<int[]> answer = exchange(server, session);
                boolean confirmed = answer.stream().anyMatch(f -> f[0] == DONE);
                if (confirmed) done++;
                outcomes.add(confirmed ? "DONE" : answer.stream().filter(f -> f[0] == ERROR).map(f -> "E" + f[1]).findFirst().orElse("closed"));
            }
            KilledSendersTest.awaitIdle(server);
            assertEquals(done, Uploads.finalNames(inbox).size(), "a mutated session stores a file only when it got DONE: " + outcomes);
            assertEquals(List.of(), Uploads.temporaries(inbox));

            Path good = Files.writeString(tmp.resolve("after.txt"), "still serving");
            assertEquals("confirmed", KilledSendersTest.sendGood(server, good));
            assertEquals("still serving", Files.readString(inbox.resolve("after.txt")));

            Results.record("garbage, oversized and truncated frames; mutated sessions (1-3 bytes changed)",
                    (GARBAGE + OVERSIZED + TRUNCATED) + " bad sessions + " + MUTATED + " mutated",
                    answered + " of " + (GARBAGE + OVERSIZED + TRUNCATED) + " told PROTOCOL, 0 files; mutated: " + done
                            + " stored with DONE (e.g. a changed mtime), the rest refused; server serving after",
                    "nothing", t0);
        }
    }

    /** Sends {@code bytes}, half-closes, and requires an ERROR with code PROTOCOL in the answer. Returns 1. */
    static int expectProtocolError(Server server, byte[] bytes, String what) throws IOException {
        List<int[]> answer = exchange(server, bytes);
        assertTrue(answer.stream().anyMatch(f -> f[0] == ERROR && f[1] == PROTOCOL), what + " got no PROTOCOL error");
        return 1;
    }

    /** Sends a session and returns the frames that came back: {type, error code or -1}. */
    static List<int[]> exchange(Server server, byte[] bytes) throws IOException {
        try (Socket s = Local.socket(server)) {
            try {
                s.getOutputStream().write(bytes);
                s.shutdownOutput();
            } catch (IOException cutOff) {
                // the receiver refused early and closed: its answer is still in our receive queue
            }
            return frames(readAll(s.getInputStream()));
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
        } catch (java.net.SocketException reset) {
            // what arrived before a reset is the answer
        }
        return out.toByteArray();
    }

    static List<int[]> frames(byte[] b) {
        List<int[]> out = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(b);
        while (bb.remaining() >= 5) {
            int type = bb.get() & 0xFF;
            int len = bb.getInt();
            if (len < 0 || len > bb.remaining()) break;
            int code = type == ERROR && len >= 2 ? bb.getShort(bb.position()) & 0xFFFF : -1;
            bb.position(bb.position() + len);
            out.add(new int[]{type, code});
        }
        return out;
    }

    // ---- frames of docs/PROTOCOL.md

    static byte[] header(int type, long length) {
        return ByteBuffer.allocate(5).put((byte) type).putInt((int) length).array();
    }

    static byte[] frame(int type, byte[] payload) {
        return concat(header(type, payload.length), payload);
    }

    static byte[] hello() {
        return frame(HELLO, bytes(out -> {
            out.write("FTRN".getBytes(StandardCharsets.US_ASCII));
            out.writeByte(1);
            out.writeByte(1);
            out.writeShort(0);
        }));
    }

    static byte[] file(String name, long size) {
        return frame(FILE, bytes(out -> {
            out.writeByte(0);
            out.writeLong(size);
            out.writeInt(0644);
            out.writeLong(0);
            out.writeByte(6);
            out.write("crc32c".getBytes(StandardCharsets.US_ASCII));
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            out.writeShort(n.length);
            out.write(n);
        }));
    }

    static byte[] validSession(String name, byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        byte[] end = frame(END, bytes(out -> {
            out.writeByte(4);
            out.writeInt((int) crc.getValue());
        }));
        return concat(hello(), file(name, data.length), frame(DATA, data), end, frame(BYE, new byte[0]));
    }

    static byte[] payload(Random rnd, int max) {
        byte[] b = new byte[1 + rnd.nextInt(max)];
        rnd.nextBytes(b);
        return b;
    }

    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] bytes(Body body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            body.write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
