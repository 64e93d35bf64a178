package io.ftrun.core.files;

import io.ftrun.core.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Resume of interrupted framed transfers: the partial is kept with its source's identity and owner, and the sender
 * proves the prefix before anything is appended. ResumeTakeoverTest has the attacks.
 */
class ResumeTest {
    static final int SIZE = 3_000_000;
    static final int CUT = 1_000_000;

    @TempDir
    Path tmp;

    private FileReceiverConfig.Builder framed(Path dir) {
        return FileReceiverConfig.builder().directory(dir).protocol(FileProtocol.FRAMED);
    }

    /**
     * Starts sending {@code src} as FileSender would (same identity), sends {@code CUT} bytes, then closes the
     * connection in the middle of the file (cleanly, so all {@code CUT} bytes arrive; a reset would let the kernel
     * drop some, which KillResumeTest covers).
     */
    private static void interruptedSend(Fixture f, Path src, boolean resume) throws Exception {
        interruptedSend(f, src, resume ? Protocol.FILE_RESUME_WITH_PROOF : 0, Digests.SHA256);
    }

    private static void interruptedSend(Fixture f, Path src, int resumeFlags, String algorithm) throws Exception {
        byte[] data = Files.readAllBytes(src);
        try (WireClient c = WireClient.session(f.port())) {
            WireClient.Frame ready = fileAsSenderWould(c, src, resumeFlags, algorithm);
            assertEquals(Protocol.READY, ready.type());
            c.data(Arrays.copyOf(data, CUT));
        }
        f.await("transfer-failed", 1, Duration.ofSeconds(10));
        f.awaitIdle(Duration.ofSeconds(5));
    }

    /** FILE for {@code src} with its name, size and mtime, and the resume tag when the flags ask to resume with proof. */
    private static WireClient.Frame fileAsSenderWould(WireClient c, Path src, int resumeFlags, String algorithm) throws Exception {
        long size = Files.size(src);
        byte[] tag = (resumeFlags & Protocol.FILE_RESUME_WITH_PROOF) != 0 ? ResumeProof.tag(src, size, ByteBuffer.allocate(8192)) : new byte[0];
        return c.file(src.getFileName().toString().getBytes(StandardCharsets.UTF_8), size, algorithm,
                Protocol.FILE_HAS_MTIME | resumeFlags, Files.getLastModifiedTime(src).toMillis(), tag);
    }

    private Path source() throws Exception {
        Path src = tmp.resolve("movie.bin");
        Files.write(src, Fixture.randomBytes(SIZE, 42));
        return src;
    }

    @Test
    void anInterruptedTransferResumesAfterTheVerifiedPrefix() throws Exception {
        Path in = tmp.resolve("in");
        Path src = source();
        try (Fixture f = Fixture.start(framed(in).build())) {
            interruptedSend(f, src, true);
            Event failed = f.of("transfer-failed").get(0);
            assertEquals(true, failed.fields().get("keptForResume"));
            assertEquals(List.of(), Fixture.finalFiles(in), "nothing under a final name");
            List<String> temps = Fixture.temporaries(in);
            assertEquals(2, temps.size(), temps.toString());
            assertTrue(temps.get(0).matches("\\.ftrun-resume-[0-9a-f]{32}\\.meta"), temps.toString());
            assertEquals(CUT, Files.size(in.resolve(temps.get(1))));

            SendReport r = f.send(src, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(CUT, r.files().get(0).resumedFrom());
            Event received = f.await("file-received", 1, Duration.ofSeconds(5)).get(0);
            assertEquals((long) CUT, received.fields().get("resumedFrom"));
        }
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(in.resolve("movie.bin")));
        assertEquals(List.of("movie.bin"), Fixture.listFiles(in), "resume data removed after the commit");
    }

    /**
     * A file under {@link ResumeStore#EAGER_SIDECAR_SIZE} is written to a private temporary without a sidecar (one
     * file created per file, not two), and still resumes: the break makes it the partial, with its sidecar. A bigger file has its sidecar
     * from its first byte on, so that even a receiver killed outright can resume it.
     */
    @Test
    void aSmallFileGetsItsSidecarOnlyWhenItsTransferBreaks() throws Exception {
        Path in = tmp.resolve("in");
        Path small = Files.write(tmp.resolve("small.bin"), Fixture.randomBytes(200_000, 7));
        Path big = source();
        java.util.Map<Long, List<String>> hiddenAtFirstWrite = new java.util.concurrent.ConcurrentHashMap<>();
        FileReceiverConfig cfg = framed(in).writeHook((file, position, length) -> {
            if (position == 0) hiddenAtFirstWrite.putIfAbsent(0L, Fixture.temporaries(in));
        }).build();
        try (Fixture f = Fixture.start(cfg)) {
            byte[] data = Files.readAllBytes(small);
            try (WireClient c = WireClient.session(f.port())) {
                assertEquals(Protocol.READY, fileAsSenderWould(c, small, Protocol.FILE_RESUME_WITH_PROOF, Digests.SHA256).type());
                c.data(Arrays.copyOf(data, 100_000));
            }
            f.await("transfer-failed", 1, Duration.ofSeconds(10));
            f.awaitIdle(Duration.ofSeconds(5));
            assertEquals(true, f.of("transfer-failed").get(0).fields().get("keptForResume"));
            List<String> first = hiddenAtFirstWrite.get(0L);
            assertEquals(1, first.size(), "only the partial while the data arrives: " + first);
            assertTrue(first.get(0).matches("\\.ftrun-tmp-[0-9a-f]+\\.part"), "a private temporary: " + first);
            List<String> kept = Fixture.temporaries(in);
            assertEquals(2, kept.size(), "the break wrote the sidecar: " + kept);
            assertTrue(kept.get(0).endsWith(".meta"), kept.toString());

            SendReport r = f.send(small, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(100_000, r.files().get(0).resumedFrom());

            hiddenAtFirstWrite.clear();
            assertTrue(f.send(big, SendOptions.defaults()).allConfirmed());
            List<String> bigFirst = hiddenAtFirstWrite.get(0L);
            assertEquals(2, bigFirst.size(), "a big file's sidecar is there before its data: " + bigFirst);
        }
        assertArrayEquals(Files.readAllBytes(small), Files.readAllBytes(in.resolve("small.bin")));
        assertArrayEquals(Files.readAllBytes(big), Files.readAllBytes(in.resolve("movie.bin")));
        assertEquals(List.of("movie.bin", "small.bin"), Fixture.listFiles(in), "resume data removed after the commits");
    }

    /** A receiver into {@code in} that keeps same-named files apart, and counts down once its second chunk is written. */
    private FileReceiverConfig bothWritten(Path in, java.util.concurrent.CountDownLatch wrote) {
        return framed(in).naming(NamingPolicies.original(OnCollision.RENAME)).writeHook((file, position, length) -> {
            if (position >= TempFile.CHUNK) wrote.countDown();
        }).build();
    }

    /**
     * Two receivers on one directory without instances (two processes, as far as resume data goes: each has its own
     * claims) receive the same small file at the same time. Neither may take over, remove or commit the other's
     * bytes: each stores exactly what it verified.
     */
    @Test
    void twoReceiversOfOneSmallFileNeverShareItsPartial() throws Exception {
        Path in = tmp.resolve("in");
        Path src = Files.write(tmp.resolve("small.bin"), Fixture.randomBytes(200_000, 9));
        byte[] data = Files.readAllBytes(src);
        java.util.concurrent.CountDownLatch aWrote = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch bWrote = new java.util.concurrent.CountDownLatch(1);
        try (Fixture a = Fixture.start(bothWritten(in, aWrote)); Fixture b = Fixture.start(bothWritten(in, bWrote));
             WireClient first = WireClient.session(a.port()); WireClient second = WireClient.session(b.port())) {
            assertEquals(Protocol.READY, fileAsSenderWould(first, src, Protocol.FILE_RESUME_WITH_PROOF, Digests.SHA256).type());
            first.data(Arrays.copyOf(data, 150_000));
            assertTrue(aWrote.await(10, java.util.concurrent.TimeUnit.SECONDS), "the first receiver wrote two chunks");
            assertEquals(Protocol.READY, fileAsSenderWould(second, src, Protocol.FILE_RESUME_WITH_PROOF, Digests.SHA256).type());
            second.data(Arrays.copyOf(data, 150_000));
            assertTrue(bWrote.await(10, java.util.concurrent.TimeUnit.SECONDS), "the second receiver wrote two chunks");
            first.data(Arrays.copyOfRange(data, 150_000, data.length));
            assertEquals(Protocol.DONE, first.end(WireClient.digest(Digests.SHA256, data)).type());
            second.data(Arrays.copyOfRange(data, 150_000, data.length));
            assertEquals(Protocol.DONE, second.end(WireClient.digest(Digests.SHA256, data)).type());
        }
        assertEquals(List.of("small-1.bin", "small.bin"), Fixture.listFiles(in));
        assertArrayEquals(data, Files.readAllBytes(in.resolve("small.bin")));
        assertArrayEquals(data, Files.readAllBytes(in.resolve("small-1.bin")));
    }

    @Test
    void aDamagedPartialIsNeverTrusted() throws Exception {
        Path in = tmp.resolve("in");
        Path src = source();
        try (Fixture f = Fixture.start(framed(in).build())) {
            interruptedSend(f, src, true);
            Path part = in.resolve(Fixture.temporaries(in).get(1));
            byte[] p = Files.readAllBytes(part);
            p[CUT / 2] ^= 0x40; // bit rot, or garbage a crash left behind
            Files.write(part, p);
            SendReport r = f.send(src, SendOptions.defaults());
            assertTrue(r.allConfirmed(), r.toString());
            assertEquals(0, r.files().get(0).resumedFrom(), "the prefix did not prove out: sent again from the start");
        }
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(in.resolve("movie.bin")));
        assertEquals(List.of("movie.bin"), Fixture.listFiles(in));
    }

    @Test
    void aChangedSourceStartsOver() throws Exception {
        Path in = tmp.resolve("in");
        Path src = source();
        try (Fixture f = Fixture.start(framed(in).build())) {
            interruptedSend(f, src, true);
            Files.write(src, Fixture.randomBytes(SIZE, 43)); // same size, new content and mtime
            Files.setLastModifiedTime(src, FileTime.from(Instant.now().plusSeconds(5)));
            SendReport r = f.send(src, SendOptions.defaults());
            assertTrue(r.allConfirmed());
            assertEquals(0, r.files().get(0).resumedFrom());
        }
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(in.resolve("movie.bin")));
    }

    @Test
    void withoutResumeAnInterruptedTransferLeavesNothing() throws Exception {
        Path src = source();
        Path in1 = tmp.resolve("in1");
        try (Fixture f = Fixture.start(framed(in1).build())) {
            interruptedSend(f, src, false);
            assertEquals(false, f.of("transfer-failed").get(0).fields().get("keptForResume"));
        }
        assertEquals(List.of(), Fixture.listFiles(in1));
        Path in2 = tmp.resolve("in2");
        try (Fixture f = Fixture.start(framed(in2).allowResume(false).build())) {
            interruptedSend(f, src, true);
            assertEquals(List.of(), Fixture.listFiles(in2), "the receiver does not keep partials when resume is off");
            assertTrue(f.send(src, SendOptions.defaults()).allConfirmed());
        }
    }

    @Test
    void theOfferCarriesANonceNotADigestAndTheSenderMayDeclineIt() throws Exception {
        Path in = tmp.resolve("in");
        Path src = source();
        byte[] data = Files.readAllBytes(src);
        try (Fixture f = Fixture.start(framed(in).build())) {
            interruptedSend(f, src, true);
            byte[] firstNonce = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                try (WireClient c = WireClient.session(f.port())) {
                    Messages.Ready offer = Messages.Ready.decode(fileAsSenderWould(c, src, Protocol.FILE_RESUME_WITH_PROOF, Digests.SHA256).buffer());
                    assertEquals(CUT, offer.offset());
                    assertEquals(ResumeProof.NONCE_BYTES, offer.nonce().length);
                    for (String alg : Digests.supported()) {
                        assertFalse(Arrays.equals(WireClient.digest(alg, Arrays.copyOf(data, CUT)), offer.nonce()), "a digest of the prefix: " + alg);
                    }
                    if (firstNonce == null) {
                        firstNonce = offer.nonce();
                        c.close(); // walk away: the partial stays
                        f.awaitIdle(Duration.ofSeconds(5));
                        continue;
                    }
                    assertFalse(Arrays.equals(firstNonce, offer.nonce()), "a fresh nonce for every offer");
                    c.frame(Protocol.START, new Messages.Start(0, new byte[0]).encode());
                    assertEquals(0, Messages.Ready.decode(c.read().buffer()).offset(), "the verdict: start from 0");
                    c.data(data);
                    WireClient.Frame done = c.end(WireClient.digest(Digests.SHA256, data));
                    assertEquals(Protocol.DONE, done.type(), done.toString());
                }
            }
        }
        assertArrayEquals(data, Files.readAllBytes(in.resolve("movie.bin")));
        assertEquals(List.of("movie.bin"), Fixture.listFiles(in));
    }

    @Test
    void aProofThatDoesNotHoldIsAnsweredWithOffsetZeroAndThePartialIsDropped() throws Exception {
        Path in = tmp.resolve("in");
        Path src = source();
        byte[] data = Files.readAllBytes(src);
        try (Fixture f = Fixture.start(framed(in).build()); WireClient c = WireClient.session(f.port())) {
            interruptedSend(f, src, true);
            Messages.Ready offer = Messages.Ready.decode(fileAsSenderWould(c, src, Protocol.FILE_RESUME_WITH_PROOF, Digests.SHA256).buffer());
            assertEquals(CUT, offer.offset());
            byte[] wrong = WireClient.digest(Digests.SHA256, Arrays.copyOf(data, CUT)); // the prefix without the nonce
            c.frame(Protocol.START, new Messages.Start(CUT, wrong).encode());
            assertEquals(0, Messages.Ready.decode(c.read().buffer()).offset(), "no continuation without the proof");
            c.data(data);
            assertEquals(Protocol.DONE, c.end(WireClient.digest(Digests.SHA256, data)).type());
            Event received = f.await("file-received", 1, Duration.ofSeconds(5)).get(0);
            assertNull(received.fields().get("resumedFrom"));
        }
        assertArrayEquals(data, Files.readAllBytes(in.resolve("movie.bin")));
        assertEquals(List.of("movie.bin"), Fixture.listFiles(in), "the partial went into the new transfer, nothing else is left");
    }

    /** Compatibility: a sender of the first resume (FILE bit 2) never sees an offset and its partials are not kept. */
    @Test
    void aVersion1ResumeRequestIsServedFromTheStartAndKeepsNothing() throws Exception {
        Path in = tmp.resolve("in");
        Path src = source();
        byte[] data = Files.readAllBytes(src);
        int version1Resume = 4;
        try (Fixture f = Fixture.start(framed(in).build())) {
            interruptedSend(f, src, version1Resume, Digests.CRC32C);
            assertEquals(false, f.of("transfer-failed").get(0).fields().get("keptForResume"));
            assertEquals(List.of(), Fixture.listFiles(in));
            try (WireClient c = WireClient.session(f.port())) {
                WireClient.Frame ready = fileAsSenderWould(c, src, version1Resume, Digests.CRC32C);
                assertArrayEquals(new byte[9], ready.payload(), "READY as version 1 reads it: offset 0, no digest");
                c.data(data);
                assertEquals(Protocol.DONE, c.end(WireClient.digest(Digests.CRC32C, data)).type());
            }
        }
        assertArrayEquals(data, Files.readAllBytes(in.resolve("movie.bin")));
    }

    @Test
    void onlySha256TransfersAreKeptForResume() throws Exception {
        Path src = source();
        for (String algorithm : List.of(Digests.CRC32C, Digests.CRC32)) {
            Path in = tmp.resolve("in-" + algorithm);
            try (Fixture f = Fixture.start(framed(in).build())) {
                interruptedSend(f, src, Protocol.FILE_RESUME_WITH_PROOF, algorithm);
                assertEquals(false, f.of("transfer-failed").get(0).fields().get("keptForResume"), algorithm);
                assertEquals(List.of(), Fixture.listFiles(in), algorithm);
                SendReport r = f.send(src, SendOptions.builder().digest(algorithm).build());
                assertTrue(r.allConfirmed(), r.toString());
                assertEquals(0, r.files().get(0).resumedFrom());
            }
        }
    }

    @Test
    void staleTemporariesAreSweptAtStart() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path old = Files.writeString(in.resolve(".ftrun-tmp-00.part"), "crash leftover");
        Path oldMeta = Files.writeString(in.resolve(".ftrun-resume-ab.meta"), "abandoned");
        Path fresh = Files.writeString(in.resolve(".ftrun-tmp-01.part"), "maybe another receiver's");
        Path user = Files.writeString(in.resolve(".hidden-user-file"), "not ours");
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(30)));
        for (Path p : List.of(old, oldMeta, user)) Files.setLastModifiedTime(p, longAgo);
        FileReceiver.handler(framed(in).staleTemporaries(Duration.ofDays(7)).build()); // the sweep runs here
        assertEquals(List.of(".ftrun-tmp-01.part", ".hidden-user-file"), Fixture.listFiles(in));
        assertTrue(Files.exists(fresh));
    }

    @Test
    void twoTransfersOfTheSameFileDoNotShareAPartial() throws Exception {
        Path in = tmp.resolve("in");
        ResumeStore store = new ResumeStore(TargetDirectory.open(framed(in).build()), null);
        ResumeStore.Identity id = new ResumeStore.Identity("a.bin", 10, 1L, Digests.SHA256);
        PartialOwner owner = PartialOwner.of(new MemoryConnection(new byte[0]), null, new byte[32]);
        ResumeStore.Claim first = store.claim(id, owner);
        assertNotNull(first);
        assertNull(store.claim(id, owner), "busy: the second transfer gets a private temporary instead");
        first.release();
        assertNotNull(store.claim(id, owner));
    }
}
