package io.ftrun.core.files;

import io.ftrun.core.Connection;
import io.ftrun.core.event.Sanitize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** The sending side of the framed protocol on one connection. */
final class FramedSender {
    private final Connection conn;
    private final SendOptions options;
    private final Frames frames;
    private ByteBuffer chunk;

    FramedSender(Connection conn, SendOptions options) {
        this.conn = conn;
        this.options = options;
        this.frames = new Frames(conn);
    }

    /** A file to send and the relative name the receiver gets. */
    record Entry(Path file, String name) {
    }

    SendReport send(Collection<Path> roots) throws IOException {
        long t0 = System.nanoTime();
        List<Entry> entries = new ArrayList<>();
        for (Path root : roots) entries.addAll(enumerate(root));
        Messages.Welcome welcome = handshake();
        String algorithm = algorithm(welcome);
        chunk = ByteBuffer.allocateDirect(Math.min(options.chunkSize(), Math.max(1, welcome.maxData())));
        List<SendReport.FileResult> results = new ArrayList<>();
        for (Entry e : entries) {
            SendReport.FileResult r = sendOne(e, welcome, algorithm);
            results.add(r);
            conn.emit(new FileEvents.FileSent(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), r));
        }
        frames.send(Protocol.BYE, new byte[0]);
        int type = frames.next(); // BYE, or the receiver just closed: both end the session
        if (type >= 0 && type != Protocol.BYE) throw Frames.protocolError("expected BYE, got " + Protocol.typeName(type));
        return new SendReport(results, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** A regular file as itself; a directory as its regular files (sorted, symlinked files followed, symlinked directories not entered). */
    static List<Entry> enumerate(Path root) throws IOException {
        if (Files.isRegularFile(root)) return List.of(new Entry(root, root.toAbsolutePath().normalize().getFileName().toString()));
        if (!Files.isDirectory(root)) {
            if (!Files.exists(root)) throw new NoSuchFileException(root.toString(), null, "no such file or directory");
            throw new IOException("cannot send " + root + ": not a regular file or directory");
        }
        Path base = root.toAbsolutePath().normalize();
        String prefix = base.getFileName() == null ? "" : base.getFileName() + "/";
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                List<String> parts = new ArrayList<>();
                for (Path part : base.relativize(p)) parts.add(part.toString());
                out.add(new Entry(p, prefix + String.join("/", parts)));
            }
        }
        return out;
    }

    private Messages.Welcome handshake() throws IOException {
        frames.send(Protocol.HELLO, new Messages.Hello(Protocol.VERSION, Protocol.VERSION, options.token()).encode());
        int type = frames.expectNext("WELCOME");
        if (type == Protocol.ERROR) {
            Messages.Error e = Messages.Error.decode(frames.payload());
            throw new FileTransferException(e.code(), "the receiver refused the session: " + Sanitize.forLog(e.message()));
        }
        if (type != Protocol.WELCOME) throw Frames.protocolError("expected WELCOME, got " + Protocol.typeName(type) + " (is this an ftrun framed receiver?)");
        Messages.Welcome w = Messages.Welcome.decode(frames.payload());
        if (w.version() != Protocol.VERSION) throw new FileTransferException(ErrorCode.UNSUPPORTED_VERSION, "the receiver chose protocol version " + w.version());
        return w;
    }

    /**
     * The digest chosen in the options; if none was chosen and the receiver does not take the automatic one
     * (SHA-256, for resume), the default, which the receiver then takes: a sender with default options keeps working
     * with a receiver that accepts only crc32c (it just cannot resume there).
     */
    private String algorithm(Messages.Welcome welcome) throws FileTransferException {
        String a = options.digest();
        if (!welcome.digests().contains(a) && !options.digestChosen() && welcome.digests().contains(Digests.DEFAULT)) a = Digests.DEFAULT;
        if (!welcome.digests().contains(a)) {
            throw new FileTransferException(ErrorCode.UNSUPPORTED_DIGEST, "the receiver does not accept digest " + a
                    + " (it accepts " + String.join(", ", welcome.digests()) + ")");
        }
        return a;
    }

    private SendReport.FileResult sendOne(Entry e, Messages.Welcome welcome, String algorithm) throws IOException {
        FileChannel fc;
        long size;
        try {
            fc = FileChannel.open(e.file(), StandardOpenOption.READ);
            size = fc.size();
        } catch (IOException ex) {
            return failed(e, -1, algorithm, null, ErrorCode.IO_ERROR, "cannot read " + e.file() + ": " + ex.getMessage());
        }
        try (fc) {
            int mode = mode(e.file());
            long mtime = Files.getLastModifiedTime(e.file()).toMillis();
            boolean resume = options.resume() && welcome.resumeAllowed() && Digests.SHA256.equals(algorithm);
            int flags = Protocol.FILE_HAS_MTIME | (mode >= 0 ? Protocol.FILE_HAS_MODE : 0) | (resume ? Protocol.FILE_RESUME_WITH_PROOF : 0);
            byte[] tag = resume ? ResumeProof.tag(e.file(), size, chunk) : new byte[0];
            frames.send(Protocol.FILE, new Messages.FileHeader(flags, size, Math.max(0, mode), mtime, algorithm,
                    e.name().getBytes(StandardCharsets.UTF_8), tag).encode());
            int type = frames.expectNext("READY or ERROR");
            if (type == Protocol.ERROR) return refused(e, size, algorithm, null, Messages.Error.decode(frames.payload()));
            if (type != Protocol.READY) throw Frames.protocolError("expected READY or ERROR, got " + Protocol.typeName(type));
            Messages.Ready ready = Messages.Ready.decode(frames.payload());
            Digests.Digester digest = Digests.create(algorithm);
            long pos = 0;
            if (ready.offset() > 0) {
                pos = start(e, size, resume, ready, digest);
                if (pos == 0) digest = Digests.create(algorithm); // the prefix fed to it is sent again
            }
            long resumedFrom = pos;
            conn.emit(new FileEvents.TransferStarted(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), "send", e.name(), size, pos));
            ProgressMeter progress = new ProgressMeter(conn, "send", e.name(), size, pos, options.progressInterval(), options.progress());
            long nextAnswerCheck = pos + ANSWER_CHECK_BYTES;
            while (pos < size) {
                if (pos >= nextAnswerCheck) {
                    if (answerWaiting()) break; // an early ERROR (disk full...): stop sending, END, read it
                    nextAnswerCheck = pos + ANSWER_CHECK_BYTES;
                }
                chunk.clear();
                if (size - pos < chunk.capacity()) chunk.limit((int) (size - pos));
                int n = fc.read(chunk, pos);
                if (n < 0) break; // the file shrank: the receiver will answer SIZE_MISMATCH
                if (n == 0) continue;
                chunk.flip();
                chunk.mark();
                digest.update(chunk);
                chunk.reset();
                frames.send(Protocol.DATA, chunk);
                pos += n;
                progress.advance(n);
            }
            byte[] ours = digest.finish();
            frames.send(Protocol.END, Messages.encodeEnd(ours));
            type = frames.expectNext("DONE or ERROR");
            if (type == Protocol.ERROR) return refused(e, size, algorithm, ours, Messages.Error.decode(frames.payload()));
            if (type != Protocol.DONE) throw Frames.protocolError("expected DONE or ERROR, got " + Protocol.typeName(type));
            Messages.Done done = Messages.Done.decode(frames.payload());
            progress.finish();
            if (!MessageDigest.isEqual(done.digest(), ours)) {
                return failed(e, size, algorithm, ours, ErrorCode.DIGEST_MISMATCH, "the receiver stored a file with digest "
                        + Digests.hex(done.digest()) + ", ours is " + Digests.hex(ours));
            }
            return new SendReport.FileResult(e.name(), size, algorithm, Digests.hex(ours), true, null, null,
                    Sanitize.forLog(done.storedName()), resumedFrom);
        }
    }

    /**
     * Answers READY's offer of a partial: START with the proof that our first {@code offset} bytes are the ones
     * the receiver holds (or START 0 to decline), then the receiver's verdict, a READY with the offset to continue
     * from. {@code digest} is fed our prefix on the way.
     */
    private long start(Entry e, long size, boolean asked, Messages.Ready offer, Digests.Digester digest) throws IOException {
        long from = 0;
        byte[] proof = new byte[0];
        if (asked && offer.offset() <= size) {
            Digests.Digester p = ResumeProof.proof(offer.nonce());
            ReceiverContext.digestPrefix(e.file(), offer.offset(), Digests.tee(digest, p), chunk);
            from = offer.offset();
            proof = p.finish();
        }
        frames.send(Protocol.START, new Messages.Start(from, proof).encode());
        int type = frames.expectNext("READY");
        if (type == Protocol.ERROR) {
            Messages.Error err = Messages.Error.decode(frames.payload());
            throw new FileTransferException(err.code(), "the receiver refused the resume: " + Sanitize.forLog(err.message()));
        }
        if (type != Protocol.READY) throw Frames.protocolError("expected READY after START, got " + Protocol.typeName(type));
        long confirmed = Messages.Ready.decode(frames.payload()).offset();
        if (confirmed != from && confirmed != 0) throw Frames.protocolError("READY after START " + from + " names offset " + confirmed);
        return confirmed;
    }

    /** How often (in bytes sent) the sender looks for an early answer from the receiver. */
    static final long ANSWER_CHECK_BYTES = 1 << 20;

    /**
     * True when the receiver has answered already, in the middle of the file: that is an early ERROR (the
     * receiver failed and now drops our DATA), so sending the rest would only waste the network. Never blocks.
     */
    private boolean answerWaiting() {
        // under TLS only decrypted bytes count: a session ticket from the receiver is not an answer
        return conn.available() > 0;
    }

    private static SendReport.FileResult refused(Entry e, long size, String algorithm, byte[] digest, Messages.Error err) {
        // the receiver's words reach logs and terminals: no control characters from the peer
        return failed(e, size, algorithm, digest, err.code(), Sanitize.forLog(err.message()));
    }

    private static SendReport.FileResult failed(Entry e, long size, String algorithm, byte[] digest, ErrorCode code, String message) {
        return new SendReport.FileResult(e.name(), size, algorithm, Digests.hex(digest), false, code, message, null, 0);
    }

    /** The file's permission bits as an octal-style int, or -1 where the file system has none. */
    private static int mode(Path file) {
        PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (v == null) return -1;
        try {
            return PosixMode.mode(v.readAttributes().permissions());
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
