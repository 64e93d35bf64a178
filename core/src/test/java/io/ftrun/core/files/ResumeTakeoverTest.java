package io.ftrun.core.files;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.core.Server;
import io.ftrun.core.event.Event;
import io.ftrun.core.security.TlsConfig;
import io.ftrun.core.support.Local;
import io.ftrun.core.support.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A second peer tries to take over the partial another sender left behind (issue 12, section 4). Measured before
 * the fix: it asked to resume with the victim's path, size and mtime, got READY with the CRC of the victim's 8192
 * secret bytes, and with it forged the CRC of those bytes followed by its own; the receiver stored and confirmed that
 * mix as {@code victim.bin}.
 *
 * <p>The attacker here speaks the wire by hand (docs/PROTOCOL.md, not the implementation's encoders), asks for
 * resume in every way the protocol has (FILE bits 2 and 3), proves what it can (its own bytes) and forges what it
 * can (a CRC continued from a revealed prefix digest).
 */
class ResumeTakeoverTest {
    static final int SIZE = 16 * 1024;
    static final int CUT = 8192;
    static final long MTIME = 1_700_000_000_000L;
    static final String NAME = "victim.bin";
    /** FILE flag bits: mtime set, version 1's resume request, resume with proof. */
    static final int HAS_MTIME = 2;
    static final int RESUME_V1 = 4;
    static final int RESUME_WITH_PROOF = 8;

    @TempDir
    Path tmp;

    private final byte[] victim = concat(Fixture.randomBytes(CUT, 1), Fixture.randomBytes(SIZE - CUT, 2));
    private final byte[] secret = Arrays.copyOf(victim, CUT);
    private final byte[] attacker = Fixture.randomBytes(SIZE, 3);
    private final byte[] victimPrefixAttackerTail = concat(secret, Arrays.copyOfRange(attacker, CUT, SIZE));

    /** What the attacker saw: the READY answering its FILE, and whether it was ever told to continue after a prefix. */
    record Attack(long offered, byte[] offerField, long confirmed, int finalType) {
    }

    @Test
    void theMeasuredTakeoverWithCrc32cFindsNothingToTakeOver() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(framed(in).build())) {
            interruptedVictim(f, null, Digests.CRC32C);
            List<String> kept = Fixture.listFiles(in);
            Attack a = attack(f, null, Digests.CRC32C);
            assertNoTakeover(f, in, a);
            assertEquals(List.of(), kept, "a crc32c transfer cannot be resumed, so nothing was kept");

            SendReport r = f.send(victimFile(), SendOptions.builder().digest(Digests.CRC32C).build());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(0, r.files().get(0).resumedFrom(), "crc32c is sent from the start");
            assertArrayEquals(victim, Files.readAllBytes(in.resolve(r.files().get(0).storedName())));
        }
    }

    @Test
    void aPeerWithoutTheVictimsBytesIsNeverOfferedTheirPartialAndTheVictimStillResumes() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(framed(in).build())) {
            interruptedVictim(f, null, Digests.SHA256);
            assertArrayEquals(secret, partial(in), "the victim's partial");
            Attack a = attack(f, null, Digests.SHA256);
            assertNoTakeover(f, in, a);
            assertArrayEquals(secret, partial(in), "the attacker did not touch the victim's partial");

            SendReport r = f.send(victimFile(), SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(CUT, r.files().get(0).resumedFrom(), "the rightful sender continues after its prefix");
            assertArrayEquals(victim, Files.readAllBytes(in.resolve(r.files().get(0).storedName())));
        }
    }

    @Test
    void aSenderWithAnotherTokenCannotClaimThePartialEvenWithTheSameBytes() throws Exception {
        Path in = tmp.resolve("in");
        try (Fixture f = Fixture.start(framed(in).token("alpha").build())) {
            interruptedVictim(f, "alpha", Digests.SHA256);
        }
        try (Fixture f = Fixture.start(framed(in).token("bravo").build()); WireClient c = WireClient.session(f.port(), "bravo")) {
            // the token changed hands: whoever holds the new one must not continue the old one's upload
            WireClient.Frame ready = askToResume(c, Digests.SHA256, victim);
            assertEquals(Protocol.READY, ready.type(), ready.toString());
            assertEquals(0, ByteBuffer.wrap(ready.payload()).getLong(), "another owner gets a fresh temporary");
        }
        assertArrayEquals(secret, partial(in), "the partial stays for its owner");
        try (Fixture f = Fixture.start(framed(in).token("alpha").build())) {
            SendReport r = f.send(victimFile(), SendOptions.builder().token("alpha").build());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(CUT, r.files().get(0).resumedFrom(), "its owner still resumes");
        }
        assertArrayEquals(victim, Files.readAllBytes(in.resolve(NAME)));
    }

    /** Mutual TLS names the peer: a client with another certificate of the same authority is another owner. */
    @Test
    void aClientWithAnotherCertificateCannotClaimThePartialEvenWithTheSameBytes() throws Exception {
        Path in = tmp.resolve("in");
        Path src = Files.write(tmp.resolve("big.bin"), Fixture.randomBytes(1 << 20, 4));
        TestPki pki = TestPki.get();
        TlsConfig serverTls = TlsConfig.builder().certificate(pki.serverChain(), pki.serverKey()).trust(pki.ca()).build();
        List<Event> events = new CopyOnWriteArrayList<>();
        try (Server server = Server.start(Local.server(FileReceiver.handler(framed(in).build())).tls(serverTls).listener(events::add).build())) {
            ClientConfig first = Local.client(server).tls(TlsConfig.builder().trust(pki.ca())
                    .certificate(pki.clientChain(), pki.clientKey()).build()).build();
            ClientConfig second = Local.client(server).tls(TlsConfig.builder().trust(pki.ca())
                    .certificate(pki.secondClientChain(), pki.secondClientKey()).build()).build();
            try (Connection c = Client.connect(first)) {
                SendOptions breaksAt64KiB = SendOptions.builder().chunkSize(16 << 10).progressInterval(Duration.ofNanos(1)).progress(p -> {
                    if (p.bytes() >= 64 << 10) c.close(); // the connection breaks in the middle of the file
                }).build();
                assertThrows(IOException.class, () -> FileSender.send(c, src, breaksAt64KiB));
            }
            Event failed = awaitEvent(events, "transfer-failed");
            assertEquals(true, failed.fields().get("keptForResume"), failed.toString());
            long kept = (long) failed.fields().get("bytes");
            assertTrue(kept > 0 && kept < 1 << 20, "kept " + kept);

            try (Connection c = Client.connect(second)) {
                SendReport r = FileSender.send(c, src, SendOptions.defaults());
                assertTrue(r.allConfirmed(), r.toString());
                assertEquals(0, r.files().get(0).resumedFrom(), "another certificate's sender starts from 0");
            }
            try (Connection c = Client.connect(first)) {
                // the second sender stored these very bytes under the name: not skipping them, the owner resumes its partial
                SendReport r = FileSender.send(c, src, SendOptions.builder().skipUnchanged(false).build());
                assertTrue(r.allConfirmed(), r.toString());
                assertEquals(kept, r.files().get(0).resumedFrom(), "the partial waited for its owner");
                assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(in.resolve(r.files().get(0).storedName())));
            }
        }
    }

    // ---- the peers

    private static Event awaitEvent(List<Event> events, String type) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            for (Event e : events) if (e.type().equals(type)) return e;
            Thread.sleep(10);
        }
        throw new AssertionError("no " + type + " event in " + events);
    }

    private FileReceiverConfig.Builder framed(Path dir) {
        return FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.FRAMED);
    }

    /** The victim sends its first 8192 bytes of a resumable transfer, then the connection breaks. */
    private void interruptedVictim(Fixture f, String token, String algorithm) throws Exception {
        try (WireClient c = WireClient.session(f.port(), token)) {
            WireClient.Frame ready = askToResume(c, algorithm, victim);
            assertEquals(Protocol.READY, ready.type(), ready.toString());
            assertEquals(0, ByteBuffer.wrap(ready.payload()).getLong());
            c.data(secret);
        }
        f.await("transfer-failed", 1, Duration.ofSeconds(10));
        f.awaitIdle(Duration.ofSeconds(5));
    }

    /** FILE for victim.bin with the victim's size and mtime, asking to resume with both flag bits. */
    private static WireClient.Frame askToResume(WireClient c, String algorithm, byte[] content) throws IOException {
        c.frame(Protocol.FILE, fileHeader(HAS_MTIME | RESUME_V1 | RESUME_WITH_PROOF, algorithm, resumeTag(content)));
        return c.read();
    }

    /** The attacker: same path, size and mtime, its own bytes; it goes as far as the receiver lets it. */
    private Attack attack(Fixture f, String token, String algorithm) throws Exception {
        Attack result;
        try (WireClient c = WireClient.session(f.port(), token)) {
            WireClient.Frame ready = askToResume(c, algorithm, attacker);
            assertEquals(Protocol.READY, ready.type(), ready.toString());
            ByteBuffer b = ByteBuffer.wrap(ready.payload());
            long offered = b.getLong();
            byte[] field = bytes8(b);
            if (offered > 0 && offered <= SIZE) {
                // prove its own bytes (all it has), send its tail, and forge the whole file's digest from the field
                c.frame(Protocol.START, start(offered, sha256(field, Arrays.copyOf(attacker, (int) offered))));
                c.data(Arrays.copyOfRange(attacker, (int) offered, SIZE));
                byte[] forged = algorithm.equals(Digests.CRC32C) ? crc32cContinued(field, Arrays.copyOfRange(attacker, (int) offered, SIZE))
                        : WireClient.digest(algorithm, attacker); // a SHA-256 cannot be continued: its best guess
                c.frame(Protocol.END, bytes8Field(forged));
            } else {
                c.data(attacker);
                c.frame(Protocol.END, bytes8Field(WireClient.digest(algorithm, attacker)));
            }
            long confirmed = offered;
            WireClient.Frame answer = c.read();
            while (answer.type() == Protocol.READY) { // the receiver's verdict on a START
                confirmed = ByteBuffer.wrap(answer.payload()).getLong();
                answer = c.read();
            }
            result = new Attack(offered, field, confirmed, answer.type());
        }
        f.awaitIdle(Duration.ofSeconds(5)); // events are emitted before a connection's handler ends
        return result;
    }

    private void assertNoTakeover(Fixture f, Path in, Attack a) throws Exception {
        for (String alg : Digests.supported()) {
            assertFalse(Arrays.equals(WireClient.digest(alg, secret), a.offerField()), "READY revealed the " + alg + " of the victim's prefix");
        }
        assertEquals(0, a.offered(), "the attacker was offered the victim's partial");
        assertEquals(0, a.confirmed(), "the attacker continued after the victim's prefix");
        for (String name : Fixture.finalFiles(in)) {
            assertFalse(Arrays.equals(victimPrefixAttackerTail, Files.readAllBytes(in.resolve(name))),
                    name + " holds the victim's secret bytes followed by the attacker's");
        }
        for (Event e : f.of("file-received")) assertNull(e.fields().get("resumedFrom"), e.toString());
    }

    private Path victimFile() throws IOException {
        Path src = Files.write(tmp.resolve(NAME), victim);
        Files.setLastModifiedTime(src, FileTime.fromMillis(MTIME));
        return src;
    }

    /** The bytes of the one resumable partial in {@code in}. */
    private static byte[] partial(Path in) throws IOException {
        List<String> parts = new ArrayList<>(Fixture.temporaries(in).stream().filter(n -> n.endsWith(".part")).toList());
        assertEquals(1, parts.size(), Fixture.listFiles(in).toString());
        return Files.readAllBytes(in.resolve(parts.get(0)));
    }

    // ---- the wire, as docs/PROTOCOL.md writes it

    /** FILE: flags, size, mode, mtime, digest (str8), path (str16), and with bit 3 the resume tag (bytes8). */
    private static byte[] fileHeader(int flags, String algorithm, byte[] tag) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(flags);
        out.writeLong(SIZE);
        out.writeInt(0644);
        out.writeLong(MTIME);
        out.writeByte(algorithm.length());
        out.write(algorithm.getBytes(StandardCharsets.US_ASCII));
        byte[] name = NAME.getBytes(StandardCharsets.UTF_8);
        out.writeShort(name.length);
        out.write(name);
        out.write(bytes8Field(tag));
        return bytes.toByteArray();
    }

    /** SHA-256 of {@code "ftrun resume tag\0"} and the first 64 KiB of the file (here: all of it). */
    static byte[] resumeTag(byte[] content) {
        return sha256("ftrun resume tag\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(content, Math.min(content.length, 64 * 1024)));
    }

    private static byte[] start(long offset, byte[] proof) {
        return ByteBuffer.allocate(8 + 1 + proof.length).putLong(offset).put((byte) proof.length).put(proof).array();
    }

    private static byte[] bytes8Field(byte[] b) {
        return ByteBuffer.allocate(1 + b.length).put((byte) b.length).put(b).array();
    }

    private static byte[] bytes8(ByteBuffer b) {
        byte[] out = new byte[b.get() & 0xFF];
        b.get(out);
        return out;
    }

    private static byte[] sha256(byte[] first, byte[] second) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(first);
            md.update(second);
            return md.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CRC-32C of prefix + {@code tail}, from the prefix's CRC alone: what a revealed CRC gives away. */
    private static byte[] crc32cContinued(byte[] prefixCrc, byte[] tail) {
        if (prefixCrc.length != 4) return new byte[4];
        int reg = ~ByteBuffer.wrap(prefixCrc).getInt();
        for (byte x : tail) {
            reg ^= x & 0xFF;
            for (int k = 0; k < 8; k++) reg = (reg & 1) != 0 ? (reg >>> 1) ^ 0x82F63B78 : reg >>> 1;
        }
        return ByteBuffer.allocate(4).putInt(~reg).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
