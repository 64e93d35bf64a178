package io.ftrun.core.files;

// Over 300 lines on purpose: the receiving state machine of one protocol, whose steps share the connection's
// frame state and the file in flight; split, each piece would need all of it.

import io.ftrun.core.Connection;
import io.ftrun.core.codec.InputBuffer;
import io.ftrun.core.event.Sanitize;
import io.ftrun.core.security.Secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The receiving side of the framed protocol (docs/PROTOCOL.md) on one connection: handshake, then any number of
 * files, each answered with DONE (the digest the receiver computed) or ERROR. Version 2 senders announce up to
 * the window's files ahead of their data: each accepted FILE waits in {@link #pending}, and DATA, START and END
 * belong to the oldest. Version 1 is the same with a window of one.
 */
final class FramedReceiver {
    private final Connection conn;
    private final ReceiverContext ctx;
    private final Frames frames;
    private final InputBuffer source;
    /** Accepted files (READY sent) whose data has not begun, oldest first; at most {@link #window}. */
    private final java.util.ArrayDeque<Transfer> pending = new java.util.ArrayDeque<>();
    private int window = 1;
    /** The bytes of {@link #pending}'s FILE headers, at most {@link Protocol#WAITING_HEADER_BYTES}. */
    private long pendingBytes;
    private int version = Protocol.V1;
    /** GET and LIST, when this server serves files; null otherwise (and on a client that fetches). */
    private final DownloadService downloads;
    /** Whether this session may upload (false: a serve-only server, or a token that opens downloads only). */
    private boolean mayReceive = true;
    /** A client receiving a GET's files: the server's BYE ends them and hands the session back, unanswered. */
    private boolean handBack;
    /** Each file's outcome, for a client that reports what it fetched; nothing on a server (events say it there). */
    private Consumer<SendReport.FileResult> outcomes = r -> { };
    /** Which names a fetching client takes (what it asked for, not stored yet); everything on a server. */
    private java.util.function.Predicate<String> wanted = n -> true;

    FramedReceiver(Connection conn, ReceiverContext ctx) {
        this(conn, ctx, null);
    }

    /** {@code ctx} null: receives nothing (a server that only serves {@code served}); {@code served} null: serves nothing. */
    FramedReceiver(Connection conn, ReceiverContext ctx, ServedDirectory served) {
        this(conn, ctx, new Frames(conn, ctx != null ? ctx.config.headerTimeout() : FileReceiverConfig.DEFAULT_HEADER_TIMEOUT), served);
    }

    private FramedReceiver(Connection conn, ReceiverContext ctx, Frames frames, ServedDirectory served) {
        this.conn = conn;
        this.ctx = ctx;
        this.source = conn.input();
        this.frames = frames;
        this.downloads = served == null ? null : new DownloadService(conn, frames, served);
    }

    /**
     * The receiving side of a client's GET, on the client's open version 2 session: the server's files until its
     * BYE, each outcome to {@code outcomes}. {@code firstType}, the frame after GET, has been read already.
     */
    static void receiveServed(Connection conn, ReceiverContext ctx, Frames frames, int firstType,
                              java.util.function.Predicate<String> wanted, Consumer<SendReport.FileResult> outcomes) throws IOException {
        FramedReceiver r = new FramedReceiver(conn, ctx, frames, null);
        r.wanted = wanted;
        r.version = Protocol.V2;
        r.window = Protocol.WINDOW;
        r.handBack = true;
        r.outcomes = outcomes;
        r.files(firstType);
    }

    void serve() throws IOException {
        try {
            if (handshake()) session();
        } catch (FileTransferException e) {
            if (e.code() == ErrorCode.PROTOCOL) {
                answerQuietly(e); // tell a confused peer why it is cut off, if it still listens
                lingeringClose();
                rejected(null, e);
            }
            throw e;
        } catch (java.io.EOFException e) {
            // the peer ended its side in the middle of a message: a half-closed peer still reads, so say so
            answerQuietly(Frames.protocolError("truncated message: " + e.getMessage()));
            throw e;
        }
    }

    /** After WELCOME: files until BYE or the end of the stream. */
    private void session() throws IOException {
        files(frames.next());
    }

    /** Inflates compressed DATA (FILE flag bit 5): made at the session's first, one for all its files. */
    private DataDecoder decoder;
    /** The directories this session's files went into, kept open for the next ones; null on a serve-only server. */
    private OpenDirectories open;

    /** Files (and, on a server that serves, GET and LIST) from the frame of type {@code first} on. */
    private void files(int first) throws IOException {
        if (ctx != null) open = ctx.dir.openDirectories();
        try {
            filesUntilTheEnd(first);
        } finally {
            if (decoder != null) decoder.close();
            if (open != null) open.close();
        }
    }

    private void filesUntilTheEnd(int first) throws IOException {
        try {
            for (int type = first; ; type = frames.next()) {
                if (type < 0) { // the sender left between files: nothing is half done, announced files are dropped
                    abandonPending(new java.io.EOFException("the sender closed the connection before sending the file"));
                    return;
                }
                if (type == Protocol.FILE) {
                    if (pending.size() >= window) {
                        throw Frames.protocolError("FILE announced while " + pending.size() + " accepted file(s) wait for their data"
                                + " (the window is " + window + ")");
                    }
                    long bytes = frames.length();
                    if (pendingBytes + bytes > Protocol.WAITING_HEADER_BYTES) {
                        throw Frames.protocolError("more than " + Protocol.WAITING_HEADER_BYTES + " bytes of FILE headers announced"
                                + " ahead of their data");
                    }
                    Transfer t = admit(Messages.FileHeader.decode(frames.payload()));
                    if (t != null) {
                        t.headerBytes = bytes;
                        pendingBytes += bytes;
                        pending.add(t);
                    }
                } else if (type == Protocol.START) {
                    oldest("START").start(frames.payload());
                } else if (type == Protocol.DATA || type == Protocol.END) {
                    oldest(Protocol.typeName(type)).receive(type, pending);
                } else if (type == Protocol.BYE) {
                    frames.payload();
                    abandonPending(new java.io.EOFException("the sender ended the session before sending the file"));
                    if (!handBack) frames.send(Protocol.BYE, new byte[0]);
                    return;
                } else if ((type == Protocol.GET || type == Protocol.LIST) && downloads != null && version >= Protocol.V2) {
                    if (!pending.isEmpty()) {
                        throw Frames.protocolError(Protocol.typeName(type) + " while " + pending.size() + " announced file(s) wait for their data");
                    }
                    downloads.answer(type, frames.payload());
                } else {
                    throw Frames.protocolError("expected FILE or BYE, got " + Protocol.typeName(type));
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            abandonPending(e);
            throw e;
        }
    }

    /** The oldest accepted file, which DATA, START and END are for; a protocol error when there is none. */
    private Transfer oldest(String message) throws FileTransferException {
        Transfer t = pending.peek();
        if (t == null) throw Frames.protocolError("expected FILE or BYE, got " + message);
        return t;
    }

    /** Files accepted but never begun when the session ends: their temporaries go, a resumable partial stays. */
    private void abandonPending(Throwable why) {
        Transfer t;
        while ((t = pending.poll()) != null) t.abandon();
        pendingBytes = 0;
    }

    /** A framed sender reached a raw-only receiver: tell it so (instead of storing its HELLO as a file). */
    static void refuseFramedSender(Connection conn) throws IOException {
        FramedReceiver r = new FramedReceiver(conn, null);
        FileTransferException e = new FileTransferException(ErrorCode.PROTOCOL, Protocol.RAW_ONLY
                + " (protocol RAW): send the bytes and close, or configure the receiver for FRAMED or AUTO");
        r.answer(e);
        r.lingeringClose();
        r.rejected(null, e);
    }

    private boolean handshake() throws IOException {
        frames.armHeaderDeadline(); // the session must open within the deadline, counted from now
        int type = frames.expectNext("HELLO");
        if (type != Protocol.HELLO) throw Frames.protocolError("expected HELLO, got " + Protocol.typeName(type));
        Messages.Hello hello = Messages.Hello.decode(frames.payload());
        version = Math.min(hello.maxVersion(), Protocol.VERSION);
        if (version < Math.max(hello.minVersion(), Protocol.V1)) {
            refuseSession(new FileTransferException(ErrorCode.UNSUPPORTED_VERSION, "this receiver speaks protocol versions "
                    + Protocol.V1 + ".." + Protocol.VERSION + "; the sender offered " + hello.minVersion() + ".." + hello.maxVersion()));
            return false;
        }
        window = version >= Protocol.V2 ? Protocol.WINDOW : 1;
        // a session may upload, download or both, by the token each side asks for (compared in constant time; never logged)
        mayReceive = ctx != null && opens(ctx.config.token(), hello.token());
        boolean mayFetch = downloads != null && downloads.authorize(hello.token());
        if (!mayReceive && !mayFetch) {
            refuseSession(new FileTransferException(ErrorCode.NOT_AUTHORISED, hello.token() == null
                    ? "this receiver needs a token" : "wrong token"));
            return false;
        }
        List<String> digests = ctx == null ? Digests.supported()
                : Digests.supported().stream().filter(ctx.config.digests()::contains).toList();
        boolean resume = ctx != null && ctx.config.allowResume();
        int flags = (resume ? Protocol.WELCOME_RESUME : 0) | (version >= Protocol.V2 ? Protocol.WELCOME_COMPRESS : 0);
        frames.send(Protocol.WELCOME, new Messages.Welcome(version, flags,
                ctx == null ? 0 : ctx.config.maxFileSize(), Protocol.MAX_DATA, digests, window).encode());
        return true;
    }

    /** Whether {@code presented} opens a side that asks for {@code expected} (null: it asks for none). */
    static boolean opens(String expected, String presented) {
        return expected == null || Secrets.matches(expected, presented);
    }

    private void refuseSession(FileTransferException e) throws IOException {
        frames.send(Protocol.ERROR, new Messages.Error(e.code(), e.getMessage()).encode());
        rejected(null, e);
    }

    /**
     * A FILE header: checks it and answers READY (the file waits for its data), SKIP (it is here unchanged) or
     * ERROR (both null: nothing follows for it). Returns normally unless the connection is unusable.
     */
    private Transfer admit(Messages.FileHeader h) throws IOException {
        Instant started = Instant.now();
        String shownName = new String(h.path(), StandardCharsets.UTF_8);
        String name;
        NameRequest req;
        ReceiverContext.Placement placement;
        try {
            if (!mayReceive) {
                throw new FileTransferException(ErrorCode.NOT_AUTHORISED, ctx == null ? "this server only serves files; it receives none"
                        : "this session's token opens downloads only");
            }
            name = SafeNames.clean(SafeNames.decode(h.path()));
            shownName = name;
            if (!wanted.test(name)) {
                throw new FileTransferException(ErrorCode.NOT_AUTHORISED, "'" + Sanitize.forLog(name) + "' was not asked for, or is here already");
            }
            if (!ctx.config.digests().contains(h.algorithm())) {
                throw new FileTransferException(ErrorCode.UNSUPPORTED_DIGEST, "digest '" + Sanitize.forLog(h.algorithm())
                        + "' is not accepted here (accepted: " + String.join(", ", ctx.config.digests()) + ")");
            }
            if (h.size() > ctx.config.maxFileSize()) {
                throw new FileTransferException(ErrorCode.TOO_LARGE, "file of " + h.size() + " bytes exceeds the maximum of "
                        + ctx.config.maxFileSize() + " bytes");
            }
            req = ctx.request(conn, name, h.size(), FileProtocol.FRAMED, started);
            if (version >= Protocol.V2 && h.has(Protocol.FILE_SKIP_UNCHANGED) && h.has(Protocol.FILE_HAS_MTIME)
                    && h.size() <= Protocol.SKIP_MAX_SIZE) {
                if (h.size() > (1 << 20)) frames.flush(); // reading it takes a while: the answers owed so far go first
                String same = ctx.unchanged(open, req, ctx.config.naming(), h);
                if (same != null) {
                    frames.answer(Protocol.SKIP, new Messages.Skip(same).encode());
                    outcomes.accept(new SendReport.FileResult(name, h.size(), h.algorithm(), Digests.hex(h.skipDigest()), true, null, null,
                            same, 0, true));
                    conn.emit(new FileEvents.FileSkipped(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), same, h.size()));
                    return null;
                }
            }
            placement = ctx.preflight(open, req, ctx.config.naming());
        } catch (FileTransferException e) {
            answer(e);
            rejected(shownName, e);
            outcomes.accept(failed(Sanitize.forLog(shownName), h.size(), h.algorithm(), e.code(), e.getMessage()));
            return null;
        }
        Transfer t = new Transfer(h, name, req, placement, started);
        return t.accept() ? t : null;
    }

    /**
     * The state of one accepted file: its resume claim, then, once its data begins, its temporary and digest. A file
     * waiting in the window holds no descriptor: the temporary is opened when its START, DATA or END comes.
     */
    private final class Transfer implements InputBuffer.ChunkSink {
        private final Messages.FileHeader header;
        private final String name;
        private final NameRequest req;
        private final ReceiverContext.Placement placement;
        private final Instant started;
        private ResumeStore.Claim claim;
        private TempFile tmp;
        private Digests.Digester digest;
        private long offset;
        private long received;
        private ProgressMeter progress;
        private FileTransferException failure; // answered already: the rest of the file's DATA is dropped
        private boolean settled; // the temporary was committed or removed, and the event emitted
        /** READY offered a partial: START must come before the data. */
        private byte[] nonce;
        /** The size of its FILE header, counted while it waits in {@link #pending}. */
        long headerBytes;
        /** The bytes READY offered to continue after. */
        private long offered;
        /** The temporary could not be made when the data began. */
        private FileTransferException openFailure;

        Transfer(Messages.FileHeader header, String name, NameRequest req, ReceiverContext.Placement placement, Instant started) {
            this.header = header;
            this.name = name;
            this.req = req;
            this.placement = placement;
            this.started = started;
        }

        /** Claims the partial, if it may resume, and answers READY; false, and released, when refused. */
        boolean accept() throws IOException {
            boolean ok = false;
            try {
                ok = open() && offer();
                return ok;
            } catch (IOException | RuntimeException | Error e) {
                if (!settled) broken(e);
                throw e;
            } finally {
                if (!ok) release();
            }
        }

        /** The file's data, from its first DATA (or END) frame, already read, to the answer; it leaves {@code queue}. */
        void receive(int firstType, java.util.Queue<Transfer> queue) throws IOException {
            queue.remove(this);
            pendingBytes -= headerBytes;
            try {
                if (nonce != null) throw Frames.protocolError("expected START after a READY with an offset, got " + Protocol.typeName(firstType));
                openTemporary();
                if (openFailure != null) failure = fail(openFailure);
                conn.emit(new FileEvents.TransferStarted(started, conn.owner(), conn.id(), conn.remoteAddress(), "receive", name, header.size(), offset));
                readData(firstType);
                byte[] senderDigest = Messages.decodeEnd(frames.payload());
                if (failure == null) finish(senderDigest);
            } catch (IOException | RuntimeException | Error e) {
                if (!settled) broken(e);
                throw e;
            } finally {
                release();
            }
        }

        /**
         * The session ended before this accepted file's data began: nothing of it was received, so nothing is
         * reported and nothing removed (a partial it was offered stays for its owner).
         */
        void abandon() {
            try {
                if (!settled && tmp != null) broken(new java.io.EOFException("the session ended before the file's data"));
            } finally {
                settled = true;
                release();
            }
        }

        /** Version 2 DATA payloads of this file carry a mode byte and may be deflated (PROTOCOL.md, Compression). */
        private boolean compressed() {
            return version >= Protocol.V2 && header.has(Protocol.FILE_COMPRESSED);
        }

        private void release() {
            if (claim != null) claim.release();
            ctx.release(open, placement);
        }

        /** Claims resume data if this file may resume; false if that failed (the sender has its answer). */
        private boolean open() throws IOException {
            digest = Digests.create(header.algorithm());
            if (resumable()) {
                claim = ctx.resume.claim(new ResumeStore.Identity(name, header.size(),
                        header.has(Protocol.FILE_HAS_MTIME) ? header.mtime() : null, header.algorithm()),
                        PartialOwner.of(conn, ctx.config.token(), header.resumeTag()));
            }
            return true;
        }

        /**
         * The file's temporary, when its data begins: the claimed partial or a fresh one. Failing now (no space, a
         * full directory), after READY, is answered like a failure in the middle of the data: an early ERROR, and the
         * data is dropped.
         */
        private void openTemporary() {
            if (tmp != null || openFailure != null) return;
            try {
                Set<PosixFilePermission> mode = sendersMode();
                tmp = claim != null ? claim.open(mode) : ctx.dir.newTemporary(mode);
            } catch (FileTransferException e) {
                openFailure = e; // answered when the data begins, in the place of END's answer
            }
        }

        /**
         * Only a sender that can prove a prefix resumes, and only with SHA-256: the whole file's digest then binds
         * the prefix kept here and the bytes sent now as strongly as the proof does.
         */
        private boolean resumable() {
            return header.has(Protocol.FILE_RESUME_WITH_PROOF) && ctx.config.allowResume() && Digests.SHA256.equals(header.algorithm());
        }

        /**
         * READY with the offset we can continue from. For a partial, READY carries a fresh nonce instead of any
         * digest of our bytes; the sender answers START with SHA-256(nonce || its first {@code have} bytes), and a
         * proof that does not hold means starting over (told as READY offset 0, like any fresh file).
         */
        private boolean offer() throws IOException {
            long have = claim == null ? 0 : claim.partialSize();
            if (have == 0) {
                frames.answer(Protocol.READY, Messages.Ready.at(0).encode());
                return true;
            }
            nonce = ResumeProof.nonce();
            offered = have;
            frames.answer(Protocol.READY, new Messages.Ready(have, nonce).encode());
            return true;
        }

        /** START, after a READY that offered {@code have} bytes: the sender's proof, or its choice to start over. */
        void start(ByteBuffer payload) throws IOException {
            if (nonce == null) throw Frames.protocolError("START without a READY that offered a partial");
            openTemporary();
            if (openFailure != null) { // START gets its READY; the failure answers END, and the data is dropped
                nonce = null;
                frames.answer(Protocol.READY, Messages.Ready.at(0).encode());
                return;
            }
            long have = offered;
            Messages.Start start = Messages.Start.decode(payload);
            if (start.offset() != 0 && start.offset() != have) {
                throw Frames.protocolError("START offset " + start.offset() + " is neither the offered " + have + " nor 0");
            }
            boolean proven = false;
            // the partial opened now may hold less than was offered (found unusable, and begun afresh): no proof holds
            if (start.offset() == have && tmp.size() == have) {
                Digests.Digester proof = ResumeProof.proof(nonce);
                tmp.digestPrefix(have, Digests.tee(digest, proof), ByteBuffer.allocate(FileReceiver.BUFFER_SIZE));
                proven = ResumeProof.holds(proof.finish(), start.proof());
            }
            if (!proven) { // the sender's prefix differs, or it chose to start over: the partial is dropped
                tmp.truncate(0);
                digest = Digests.create(header.algorithm());
            }
            offset = proven ? have : 0;
            received = offset;
            nonce = null;
            frames.answer(Protocol.READY, Messages.Ready.at(offset).encode());
        }

        /**
         * Reads DATA frames up to END. A disk failure or an overlong file is answered at once, and the rest of the
         * file's DATA is read and dropped, so the connection stays usable for the next file; the failure, answered
         * already, is left in {@link #failure}.
         */
        private void readData(int firstType) throws IOException {
            progress = new ProgressMeter(conn, "receive", name, header.size(), offset, ctx.config.progressInterval(), null);
            conn.minReadRate(ctx.config.minRate(), ctx.config.minRateGrace());
            for (int type = firstType; ; type = frames.expectNext("DATA or END")) {
                if (type == Protocol.END) break;
                if (type != Protocol.DATA) throw Frames.protocolError("expected DATA or END, got " + Protocol.typeName(type));
                long len = frames.length();
                if (len > Protocol.MAX_DATA) throw Frames.protocolError("DATA of " + len + " bytes exceeds " + Protocol.MAX_DATA);
                // an empty DATA moves nothing but would reset an idle timer: a slot held for free
                if (len == 0) throw Frames.protocolError("DATA must carry 1 to " + Protocol.MAX_DATA + " bytes, got 0");
                if (failure == null && !compressed() && received + len > header.size()) { // inflated: counted in accept()
                    failure = fail(new FileTransferException(ErrorCode.SIZE_MISMATCH, "the sender sent more than the announced "
                            + header.size() + " bytes"));
                }
                if (failure == null && compressed()) { // inflated chunk by chunk into accept()
                    if (decoder == null) decoder = new DataDecoder(Protocol.MAX_DATA);
                    decoder.startFrame(this);
                    frames.payloadTo(decoder);
                    decoder.endFrame();
                } else {
                    frames.payloadTo(this); // chunk by chunk through accept()
                }
            }
            conn.minReadRate(0, Duration.ZERO); // between files the idle timeout rules
            if (failure == null) progress.finish();
        }

        /** One chunk of a DATA payload, straight from the connection's buffer: to the temporary and the digest. */
        @Override
        public void accept(byte[] bytes, int off, int len) throws IOException {
            if (failure != null) return; // the file failed: read and drop the rest of its DATA
            if (received + len > header.size()) {
                failure = fail(new FileTransferException(ErrorCode.SIZE_MISMATCH, "the sender sent more than the announced "
                        + header.size() + " bytes"));
                return;
            }
            try {
                tmp.write(bytes, off, len);
            } catch (FileTransferException diskFailure) {
                failure = fail(diskFailure);
                return;
            }
            digest.update(bytes, off, len);
            received += len;
            progress.advance(len);
        }

        private void finish(byte[] senderDigest) throws IOException {
            if (received != header.size()) {
                fail(new FileTransferException(ErrorCode.SIZE_MISMATCH, "the sender announced " + header.size() + " bytes but sent " + received));
                return;
            }
            byte[] computed = digest.finish();
            if (!MessageDigest.isEqual(computed, senderDigest)) {
                fail(new FileTransferException(ErrorCode.DIGEST_MISMATCH, "data damaged in transit: the receiver computed "
                        + header.algorithm() + " " + Digests.hex(computed) + ", the sender " + Digests.hex(senderDigest)));
                return;
            }
            String stored;
            try {
                tmp.flush(); // the last write, so the mtime set next stays
                if (ctx.config.preserveAttributes()) applyAttributes(tmp.path());
                tmp.finish(ctx.config.fsync());
                stored = ctx.store(open, tmp.path(), req, ctx.config.naming(), placement);
            } catch (FileTransferException e) {
                fail(e);
                return;
            }
            if (claim != null) claim.discardFiles(); // the data lives on under its final name; the sidecar goes
            settled = true;
            frames.answer(Protocol.DONE, new Messages.Done(computed, stored).encode());
            if (ctx.config.confirmBeforeEvents()) frames.flush(); // a slow listener of the event must not hold it
            outcomes.accept(new SendReport.FileResult(name, received, header.algorithm(), Digests.hex(computed), true, null, null,
                    stored, offset, false));
            conn.emit(new FileEvents.FileReceived(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), stored, name,
                    received, header.algorithm(), Digests.hex(computed), Duration.between(started, Instant.now()), offset));
        }

        /**
         * The mode the temporary is created with: the sender's bits (never setuid/setgid/sticky; the owner keeps
         * read and write), as the receiver's umask allows; null for the default.
         */
        private Set<PosixFilePermission> sendersMode() {
            return ctx.config.preserveAttributes() && header.has(Protocol.FILE_HAS_MODE) ? PosixMode.permissions(header.mode() | 0600) : null;
        }

        /** The sender's mtime, on the temporary's name but never through a link someone put there. */
        private void applyAttributes(Path p) {
            if (!header.has(Protocol.FILE_HAS_MTIME)) return;
            try {
                Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(settableTime(header.mtime()), null, null);
            } catch (IOException | RuntimeException ignored) {
                // attributes are a courtesy; the content is what was verified
            }
        }

        /** Removes the temporary (and resume data: a failed file's bytes are not worth resuming), answers, reports. */
        private FileTransferException fail(FileTransferException e) throws IOException {
            discard();
            settled = true;
            conn.emit(new FileEvents.TransferFailed(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), name, received,
                    e.code(), e.getMessage(), false));
            outcomes.accept(failed(name, header.size(), header.algorithm(), e.code(), e.getMessage()));
            answer(e);
            return e;
        }

        /** The connection broke mid-file: keep a resumable partial, remove anything else. */
        private void broken(Throwable e) {
            // an announced file whose data never began has nothing worth resuming (unless it held a partial already)
            boolean keep = claim != null && tmp != null && tmp.size() > 0
                    && !(e instanceof FileTransferException && ((FileTransferException) e).code() != ErrorCode.PROTOCOL);
            if (keep) {
                tmp.close();
                if (!claim.keepForResume(tmp)) {
                    keep = false;
                    discard();
                }
            } else {
                discard();
            }
            settled = true;
            ErrorCode code = e instanceof FileTransferException ? ((FileTransferException) e).code() : ErrorCode.CONNECTION_LOST;
            conn.emit(new FileEvents.TransferFailed(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), name, received,
                    code, String.valueOf(e.getMessage()), keep));
            outcomes.accept(failed(name, header.size(), header.algorithm(), code, (keep ? "cut after " + received + " bytes (kept to resume): "
                    : "cut: ") + e.getMessage()));
        }

        private void discard() {
            if (tmp != null) tmp.delete();
            if (claim != null) claim.discardFiles();
        }
    }

    /**
     * The sender's mtime as the JDK can set it. Before 1970 it passes a fraction of a second to utimensat as a
     * negative nanosecond field, gets EINVAL and silently sets 1970 instead; so such a time is rounded down to its
     * whole second, which the JDK sets exactly.
     */
    static FileTime settableTime(long millis) {
        return FileTime.fromMillis(millis < 0 ? Math.floorDiv(millis, 1000) * 1000 : millis);
    }

    private static SendReport.FileResult failed(String name, long size, String algorithm, ErrorCode code, String message) {
        return new SendReport.FileResult(name, size, algorithm, null, false, code, message, null, 0, false);
    }

    private void answer(FileTransferException e) throws IOException {
        frames.send(Protocol.ERROR, new Messages.Error(e.code(), e.getMessage()).encode());
    }

    private void answerQuietly(FileTransferException e) {
        try {
            answer(e);
        } catch (IOException | RuntimeException ignored) {
            // the peer is gone; the event still records why
        }
    }

    /**
     * Closing a socket with unread input makes the kernel send a reset, which can destroy our ERROR before the peer
     * reads it. So: half-close, then read and drop what the peer still sends, briefly and boundedly.
     */
    private void lingeringClose() {
        try {
            conn.shutdownOutput();
            conn.readTimeout(Duration.ofMillis(500));
            conn.readDeadline(Duration.ofMillis(500)); // a peer that trickles on must not keep us reading
            source.transferTo((bytes, off, len) -> { }, 1 << 20);
        } catch (IOException | RuntimeException ignored) {
            // timeout or reset: the peer had its chance
        }
    }

    private void rejected(String name, FileTransferException e) {
        conn.emit(new FileEvents.FileRejected(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), name, e.code(), e.getMessage()));
    }
}
