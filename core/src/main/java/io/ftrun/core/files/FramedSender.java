package io.ftrun.core.files;

// Over 300 lines on purpose: the sending state machine of one protocol (announce, answers in order, data, resume),
// whose steps share the session's queue of requests awaiting an answer and its frame state; FramedReceiver is the
// other half. What does not need that state lives in LocalFiles.

import io.ftrun.core.Connection;
import io.ftrun.core.event.Sanitize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending side of the framed protocol on one connection. Version 2 announces files (FILE) up to the window
 * ahead of their data and reads the answers as they come, so a tree costs a round trip or two instead of two per
 * file; version 1 is the same with a window of one. The receiver answers in the order of our requests, so
 * {@link #answers} says what each answer is for.
 */
final class FramedSender {
    private final Connection conn;
    private final SendOptions options;
    private final Frames frames;
    private ByteBuffer chunk;
    private String algorithm;
    /** Whether this session compresses DATA (asked for, and taken by the receiver), and the encoder it uses. */
    private boolean compressing;
    private DataEncoder encoder; // made only for a session that compresses: a Deflater holds native memory
    /** Our requests whose answer has not been read, in the order the receiver answers them. */
    private final ArrayDeque<Awaiting> answers = new ArrayDeque<>();
    /** Reads the answers while we write, from the handshake's end to the last answer. */
    private AnswerReader reader;

    FramedSender(Connection conn, SendOptions options) {
        this(conn, options, new Frames(conn));
    }

    /** On {@code frames}, a connection's frame state shared with its receiving side (a server sending a GET's files). */
    FramedSender(Connection conn, SendOptions options, Frames frames) {
        this.conn = conn;
        this.options = options;
        this.frames = frames;
    }

    /** What a request waits for: READY or ERROR after FILE and START, DONE or ERROR after a file's data. */
    private enum Asked { FILE, START, END }

    private record Awaiting(Outgoing file, Asked asked) {
    }

    /** One file on its way: open from its FILE header until its data is out; its outcome once answered. */
    private final class Outgoing {
        final LocalFiles.Entry entry;
        FileChannel channel;
        long size = -1;
        boolean resume;
        boolean compress;
        Messages.Ready ready;
        long confirmedOffset = -1;
        byte[] ours;
        long resumedFrom;
        ProgressMeter progress;
        SendReport.FileResult result;
        /** Reading our own file failed once its data had begun: it ends early, and this is why it failed. */
        String localFailure;
        /** What {@link #owed} counts for this file's answers still to come (an upper bound, paid as they are read). */
        long owes;
        /** Its FILE frame's bytes, counted in {@link #waitingHeaders} until its data begins. */
        long headerBytes;
        /** A small file's bytes as read once for its header ({@link #KEEP_MAX}), sent from here; null: read again. */
        byte[] content;
        /** The digest of {@link #content} in the session's algorithm, if the header needed it (SKIP). */
        byte[] contentDigest;

        Outgoing(LocalFiles.Entry entry) {
            this.entry = entry;
        }

        void settle(SendReport.FileResult r) {
            result = r;
            closeChannel();
            conn.emit(new FileEvents.FileSent(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), r));
        }

        void closeChannel() {
            if (content != null) {
                held -= content.length;
                content = null;
            }
            if (channel == null) return;
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost
            }
            channel = null;
        }
    }

    /**
     * Sends {@code entries} in one session. A session that breaks (the connection, or a busy receiver) throws a
     * {@link SessionBrokenException} that says which files were confirmed before; a refused session (token,
     * version) or a protocol error throws as it is.
     */
    SendReport send(List<LocalFiles.Entry> entries) throws IOException {
        return send(entries, null);
    }

    /**
     * Sends {@code entries} as the answer to a client's GET (docs/PROTOCOL.md, downloads): the session is open
     * already, {@code terms} are what the client accepts as their receiver, and the BYE after the last answer hands
     * the session back to the client, unanswered.
     */
    SendReport serve(List<LocalFiles.Entry> entries, Messages.Welcome terms) throws IOException {
        return send(entries, terms);
    }

    private SendReport send(List<LocalFiles.Entry> entries, Messages.Welcome terms) throws IOException {
        long t0 = System.nanoTime();
        List<Outgoing> files = new ArrayList<>();
        for (LocalFiles.Entry e : entries) files.add(new Outgoing(e));
        try {
            return session(files, t0, terms);
        } catch (FileTransferException e) {
            if (e.code() != ErrorCode.BUSY) throw e;
            throw broken(files, e, t0);
        } catch (IOException e) {
            salvageAnswers();
            throw broken(files, e, t0);
        } finally {
            // a reader still in a read (answers due when the session failed) owns the input: nobody may read after it
            if (reader != null && !reader.stop(STOP_PATIENCE)) conn.close();
        }
    }

    /**
     * After a failed write, the answers already received still count: those the reader has, and those it reads
     * within {@link #SALVAGE_PATIENCE} (from its buffer, or until its connection fails too).
     */
    private void salvageAnswers() {
        if (reader == null) return;
        long end = System.nanoTime() + SALVAGE_PATIENCE.toNanos();
        try {
            while (!answers.isEmpty() && reader.awaitReady(end)) readAnswer();
        } catch (IOException | RuntimeException ignored) {
            // what could be read was read
        }
    }

    private SessionBrokenException broken(List<Outgoing> files, IOException e, long t0) {
        List<SendReport.FileResult> results = new ArrayList<>();
        for (Outgoing f : files) {
            results.add(f.result != null ? f.result : failed(f.entry, f.size, f.ours, ErrorCode.CONNECTION_LOST,
                    "not confirmed: the session broke before the receiver's answer (" + io.ftrun.core.internal.Reasons.of(e) + ")"));
        }
        SendReport partial = new SendReport(results, Duration.ofNanos(System.nanoTime() - t0));
        return new SessionBrokenException(partial.files().size() - partial.failed().size() + " of " + partial.files().size()
                + " file(s) confirmed before the session broke: " + io.ftrun.core.internal.Reasons.of(e), partial, e);
    }

    private SendReport session(List<Outgoing> files, long t0, Messages.Welcome terms) throws IOException {
        Messages.Welcome welcome = terms != null ? terms : handshake();
        algorithm = algorithm(welcome);
        compressing = options.compress() && welcome.compressionAccepted() && welcome.maxData() > 1;
        if (compressing) encoder = new DataEncoder();
        // a compressed payload is one byte longer than the chunk it carries, at most
        chunk = ByteBuffer.allocateDirect(Math.min(options.chunkSize(), Math.max(1, welcome.maxData() - (compressing ? 1 : 0))));
        int window = Math.min(welcome.window(), Protocol.WINDOW); // no peer makes us hold more than we would
        int announced = 0;
        reader = new AnswerReader(frames);
        waitingHeaders = 0;
        try {
            for (int k = 0; k < files.size(); k++) {
                // answers that are here already are read now: a session that breaks later has them counted
                while (!answers.isEmpty() && answerWaiting()) readAnswer();
                // What the receiver owes us stays within OWED_LIMIT. Past that we stop announcing and send the data
                // of files announced already, which adds nothing owed; waiting here for the newest answers instead
                // would stall a round trip each time on a real link.
                while (announced == k && owed > OWED_LIMIT && !answers.isEmpty()) readAnswer();
                for (; announced < files.size() && announced - k < window
                        && (announced == k || owed <= OWED_LIMIT && waitingHeaders < WAITING_HEADERS); announced++) {
                    announce(files.get(announced), welcome);
                }
                Outgoing f = files.get(k);
                while (f.result == null && f.ready == null) readAnswer();
                waitingHeaders -= f.headerBytes; // its data begins now, or it was refused: it waits no more
                if (f.result == null) sendData(f);
                f.closeChannel();
            }
            while (!answers.isEmpty()) readAnswer();
        } finally {
            for (Outgoing f : files) f.closeChannel();
            if (encoder != null) encoder.close();
        }
        reader.stop(Duration.ZERO); // nothing is due: it stops at once, and the session is read here again
        SendReport report = new SendReport(files.stream().map(f -> f.result).toList(), Duration.ofNanos(System.nanoTime() - t0));
        if (terms != null) { // the GET is answered: the session is the client's again
            frames.send(Protocol.BYE, new byte[0]);
            return report;
        }
        try {
            frames.send(Protocol.BYE, new byte[0]);
            frames.next(); // BYE, or the receiver just closed: both end the session
        } catch (IOException e) {
            // every file has its answer: a goodbye that does not arrive changes nothing of what was stored
        }
        return report;
    }

    private Messages.Welcome handshake() throws IOException {
        return handshake(frames, options.token());
    }

    /** HELLO, and the receiver's WELCOME; a refusal (token, version, busy) as the exception it names. */
    static Messages.Welcome handshake(Frames frames, String token) throws IOException {
        frames.send(Protocol.HELLO, new Messages.Hello(Protocol.V1, Protocol.VERSION, token).encode());
        int type;
        try {
            type = frames.expectNext("WELCOME");
        } catch (java.net.SocketTimeoutException e) {
            // Not a broken session to try again: each try would leave a raw receiver another file of HELLO bytes.
            // (Not a shorter wait either: a receiver over its per-address limit holds a connection unread a while.)
            throw new FileTransferException(ErrorCode.PROTOCOL, "the receiver did not answer HELLO (" + e.getMessage()
                    + "): it held the connection unread that long (over a limit?), or it is a raw receiver (nc -l, the"
                    + " tutorials' servers), which never answers and stores what it got: send to it with protocol 'raw'", e);
        }
        if (type == Protocol.ERROR) {
            Messages.Error e = Messages.Error.decode(frames.payload());
            throw new FileTransferException(e.code(), "the receiver refused the session: " + Sanitize.forLog(e.message()));
        }
        if (type != Protocol.WELCOME) throw Frames.protocolError("expected WELCOME, got " + Protocol.typeName(type) + " (is this an ftrun framed receiver?)");
        Messages.Welcome w = Messages.Welcome.decode(frames.payload());
        if (w.version() < Protocol.V1 || w.version() > Protocol.VERSION) {
            throw new FileTransferException(ErrorCode.UNSUPPORTED_VERSION, "the receiver chose protocol version " + w.version()
                    + ", which this sender does not speak (" + Protocol.V1 + ".." + Protocol.VERSION + ")");
        }
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

    /** Opens the file and queues its FILE header; a file that cannot be read is settled as failed, unannounced. */
    private void announce(Outgoing f, Messages.Welcome welcome) throws IOException {
        LocalFiles.Entry e = f.entry;
        if (e.name().indexOf('\uFFFD') >= 0) { // the platform could not decode the local name: no UTF-8 path for it
            f.settle(failed(e, -1, null, ErrorCode.IO_ERROR, "cannot send " + Sanitize.forLog(e.name())
                    + ": its local name is not valid UTF-8 (or not in this system's encoding), so it has no path to send"));
            return;
        }
        f.compress = compressing;
        int mode;
        long mtime;
        byte[] tag;
        byte[] whole;
        boolean skip;
        // Read what the header needs and close: an announced file holds no descriptor until its data is sent.
        // Only local I/O in the try blocks: a network failure must not pass for a file that cannot be read.
        FileChannel ch = null;
        try {
            ch = e.open();
            f.size = ch.size();
            LocalFiles.Attributes a = e.attributes();
            mode = a.mode();
            mtime = a.mtimeMillis();
        } catch (IOException ex) {
            if (ch != null) f.channel = ch; // closed by settle()
            f.settle(failed(e, f.size, null, ErrorCode.IO_ERROR, "cannot read " + e.file() + ": " + ex.getMessage()));
            return;
        }
        f.resume = options.resume() && welcome.resumeAllowed() && Digests.SHA256.equals(algorithm);
        try (FileChannel open = ch) {
            skip = options.skipUnchanged() && welcome.version() >= Protocol.V2 && Digests.SHA256.equals(algorithm)
                    && f.size <= SKIP_CHECK_LIMIT;
            if (f.size > (1 << 20) && (f.resume || skip)) frames.flush(); // reading it takes a while: what is queued goes first
            try {
                byte[] content = f.size <= KEEP_MAX && held + f.size <= HELD_LIMIT ? readWhole(open, (int) f.size) : null;
                if (content != null) {
                    f.content = content;
                    held += content.length;
                }
                tag = !f.resume ? new byte[0] : content != null ? ResumeProof.tag(content) : ResumeProof.tag(open, f.size, chunk);
                whole = new byte[0];
                if (skip) {
                    Digests.Digester d = Digests.create(algorithm);
                    if (content != null) d.update(content, 0, content.length);
                    else ReceiverContext.digestPrefix(open, f.size, d, chunk);
                    whole = d.finish();
                    if (content != null) f.contentDigest = whole;
                }
            } catch (IOException ex) { // a local failure: this file alone, unannounced
                f.settle(failed(e, f.size, null, ErrorCode.IO_ERROR, "cannot read " + e.file() + ": " + ex.getMessage()));
                return;
            }
        }
        int flags = Protocol.FILE_HAS_MTIME | (mode >= 0 ? Protocol.FILE_HAS_MODE : 0) | (f.resume ? Protocol.FILE_RESUME_WITH_PROOF : 0)
                | (skip ? Protocol.FILE_SKIP_UNCHANGED : 0) | (f.compress ? Protocol.FILE_COMPRESSED : 0);
        byte[] path = e.name().getBytes(StandardCharsets.UTF_8);
        byte[] header = new Messages.FileHeader(flags, f.size, Math.max(0, mode), mtime, algorithm, path, tag, whole).encode();
        frames.queue(Protocol.FILE, header);
        f.headerBytes = Protocol.HEADER + header.length;
        waitingHeaders += f.headerBytes;
        await(new Awaiting(f, Asked.FILE));
        f.owes = Protocol.HEADER + 9 + Protocol.HEADER + 41 + path.length + 16; // READY (or SKIP), then DONE (or ERROR)
        owed += f.owes;
    }

    /**
     * Files up to this size offer SKIP: the receiver needs their SHA-256 up front, which costs a read of the file
     * before it is sent (from the page cache, for the small files where skipping matters most). Larger files are
     * sent, and resume instead.
     */
    static final long SKIP_CHECK_LIMIT = Protocol.SKIP_MAX_SIZE;

    /**
     * Files up to this size are read once, when announced, and sent from memory: a tree of small files was read three
     * times a file (the resume tag, the SKIP digest, the data) and digested three times. What the receiver gets is
     * that one reading, with its digest. {@link #HELD_LIMIT} bounds the bytes so held (files announced, not yet sent).
     */
    static final int KEEP_MAX = 64 * 1024;
    static final long HELD_LIMIT = 8L << 20;
    private long held;

    /** The file's first {@code size} bytes, or null if it has fewer now (then it is read again, as a larger one is). */
    private static byte[] readWhole(FileChannel ch, int size) throws IOException {
        byte[] b = new byte[size];
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            if (ch.read(buf, buf.position()) < 0) return null;
        }
        return b;
    }

    /**
     * Bytes of answers the receiver may owe us before we stop announcing: what they take in memory here once read.
     * It once had to stay below what sockets buffer (32 KiB), because answers were read only between our writes, and
     * held a 20 ms link to a few hundred files a round trip; the {@link AnswerReader} reads them while we write.
     * The window (files) and {@link Protocol#WAITING_HEADER_BYTES} bound what is in flight as well.
     */
    static final long OWED_LIMIT = 1 << 20;

    /**
     * FILE headers announced whose data has not begun, in bytes, at most (plus one header): below the 256 KiB a
     * receiver keeps (docs/PROTOCOL.md, the window), whatever the paths' lengths.
     */
    static final long WAITING_HEADERS = 192 * 1024;
    private long waitingHeaders;

    /** How long a failed session waits for answers still arriving before it reports what was confirmed. */
    private static final Duration SALVAGE_PATIENCE = Duration.ofMillis(200);
    /** How long a failed session waits for its reader to finish a read before it closes the connection. */
    private static final Duration STOP_PATIENCE = Duration.ofMillis(50);
    /**
     * The answers' bytes not yet read, estimated from above: each file counts its READY and DONE when announced, pays
     * what each answer really took, and the rest once it is settled (a SKIP or an ERROR ends it with one answer, and
     * a DONE is shorter than counted). Paying only what arrived let the surplus pile up, some 20-70 bytes a file,
     * until after a few hundred files the sender believed itself always over the limit and sent one file per round
     * trip, until the answers ran dry (docs/PERFORMANCE.md).
     */
    private long owed;

    /** What is still counted as owed: nothing, once every answer is in. */
    long owed() {
        return owed;
    }

    private void pay(Outgoing f, long bytes) {
        long p = Math.min(f.owes, bytes);
        f.owes -= p;
        owed -= p;
    }

    /** A request is queued: its answer is the next one due after those before it. */
    private void await(Awaiting a) {
        answers.add(a);
        reader.expect();
    }

    /** Takes the next answer and gives it to the request it is for. */
    private void readAnswer() throws IOException {
        Awaiting a = answers.peek();
        if (a == null) throw new IllegalStateException("no answer is due");
        Outgoing f = a.file();
        if (!reader.ready()) frames.flush(); // we wait now: the receiver must have what we wait on
        AnswerReader.Answer answer = reader.take(a.asked() == Asked.END ? "DONE or ERROR" : "READY or ERROR");
        answers.poll();
        pay(f, Protocol.HEADER + answer.length());
        try {
            dispatch(a, f, answer.type(), answer.payload());
        } finally {
            if (f.result != null) pay(f, f.owes); // nothing more comes for it
        }
    }

    private void dispatch(Awaiting a, Outgoing f, int type, ByteBuffer payload) throws IOException {
        if (type == Protocol.ERROR) {
            Messages.Error err = Messages.Error.decode(payload);
            if (a.asked() == Asked.START) {
                throw new FileTransferException(err.code(), "the receiver refused the resume: " + Sanitize.forLog(err.message()));
            }
            f.settle(f.localFailure != null ? failed(f.entry, f.size, null, ErrorCode.IO_ERROR, f.localFailure)
                    : refused(f.entry, f.size, f.ours, err));
            return;
        }
        switch (a.asked()) {
            case FILE -> {
                if (type == Protocol.SKIP) {
                    Messages.Skip skip = Messages.Skip.decode(payload);
                    f.settle(new SendReport.FileResult(f.entry.name(), f.size, algorithm, null, true, null, null,
                            Sanitize.forLog(skip.storedName()), 0, true));
                    return;
                }
                if (type != Protocol.READY) throw Frames.protocolError("expected READY, SKIP or ERROR, got " + Protocol.typeName(type));
                f.ready = Messages.Ready.decode(payload);
            }
            case START -> {
                if (type != Protocol.READY) throw Frames.protocolError("expected READY after START, got " + Protocol.typeName(type));
                f.confirmedOffset = Messages.Ready.decode(payload).offset();
            }
            case END -> {
                if (type != Protocol.DONE) throw Frames.protocolError("expected DONE or ERROR, got " + Protocol.typeName(type));
                Messages.Done done = Messages.Done.decode(payload);
                f.progress.finish();
                if (!MessageDigest.isEqual(done.digest(), f.ours)) {
                    f.settle(failed(f.entry, f.size, f.ours, ErrorCode.DIGEST_MISMATCH, "the receiver stored a file with digest "
                            + Digests.hex(done.digest()) + ", ours is " + Digests.hex(f.ours)));
                } else {
                    f.settle(new SendReport.FileResult(f.entry.name(), f.size, algorithm, Digests.hex(f.ours), true, null, null,
                            Sanitize.forLog(done.storedName()), f.resumedFrom, false));
                }
            }
        }
    }

    /** A file the receiver accepted: START if it offered a partial, then DATA and END; its answer comes later. */
    private void sendData(Outgoing f) throws IOException {
        Digests.Digester digest = Digests.create(algorithm);
        long pos = 0;
        boolean fromMemory = f.content != null && f.ready.offset() == 0; // a partial's proof is read from the file
        if (!fromMemory) {
            f.contentDigest = null;
            try {
                f.channel = f.entry.open();
            } catch (IOException e) {
                f.localFailure = "cannot read " + f.entry.file() + ": " + e.getMessage();
            }
        }
        if (f.ready.offset() > 0) {
            pos = start(f, digest);
            if (pos == 0) digest = Digests.create(algorithm); // the prefix fed to it is sent again
        }
        f.resumedFrom = pos;
        conn.emit(new FileEvents.TransferStarted(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), "send", f.entry.name(), f.size, pos));
        f.progress = new ProgressMeter(conn, "send", f.entry.name(), f.size, pos, options.progressInterval(), options.progress());
        if (f.compress) encoder.startFile();
        await(new Awaiting(f, Asked.END)); // an early ERROR (disk full...) answers it before the data ends
        long nextAnswerCheck = pos + ANSWER_CHECK_BYTES;
        while (pos < f.size && f.localFailure == null) {
            if (pos >= nextAnswerCheck) {
                while (!answers.isEmpty() && answerWaiting()) readAnswer();
                if (f.result != null) break; // refused in the middle: stop sending, END, and it is settled
                nextAnswerCheck = pos + ANSWER_CHECK_BYTES;
            }
            chunk.clear();
            if (f.size - pos < chunk.capacity()) chunk.limit((int) (f.size - pos));
            int n;
            if (fromMemory) {
                n = chunk.remaining();
                chunk.put(f.content, (int) pos, n);
            } else {
                try {
                    n = f.channel.read(chunk, pos);
                } catch (IOException e) { // our disk, not the session: END now, the receiver refuses the short file
                    f.localFailure = "cannot read " + f.entry.file() + " at byte " + pos + ": " + e.getMessage();
                    break;
                }
            }
            if (n < 0) break; // the file shrank: the receiver will answer SIZE_MISMATCH
            if (n == 0) continue;
            chunk.flip();
            if (f.contentDigest == null) {
                chunk.mark();
                digest.update(chunk);
                chunk.reset();
            }
            frames.queue(Protocol.DATA, f.compress ? encoder.encode(chunk) : chunk);
            pos += n;
            f.progress.advance(n);
        }
        f.ours = f.contentDigest != null ? f.contentDigest : digest.finish();
        frames.queue(Protocol.END, Messages.encodeEnd(f.ours));
    }

    /**
     * Answers READY's offer of a partial: START with the proof that our first {@code offset} bytes are the ones
     * the receiver holds (or START 0 to decline), then waits for the receiver's verdict, a READY with the offset
     * to continue from. {@code digest} is fed our prefix on the way.
     */
    private long start(Outgoing f, Digests.Digester digest) throws IOException {
        Messages.Ready offer = f.ready;
        long from = 0;
        byte[] proof = new byte[0];
        if (f.resume && offer.offset() <= f.size && f.localFailure == null) {
            Digests.Digester p = ResumeProof.proof(offer.nonce());
            try {
                ReceiverContext.digestPrefix(f.channel, offer.offset(), Digests.tee(digest, p), chunk); // open since sendData
                from = offer.offset();
                proof = p.finish();
            } catch (IOException e) { // cannot read our own prefix: decline the partial, and the data fails locally
                f.localFailure = "cannot read " + f.entry.file() + ": " + e.getMessage();
            }
        }
        frames.queue(Protocol.START, new Messages.Start(from, proof).encode());
        await(new Awaiting(f, Asked.START));
        while (f.confirmedOffset < 0) readAnswer();
        long confirmed = f.confirmedOffset;
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
        return reader.ready();
    }

    private SendReport.FileResult refused(LocalFiles.Entry e, long size, byte[] digest, Messages.Error err) {
        // the receiver's words reach logs and terminals: no control characters from the peer
        return failed(e, size, digest, err.code(), Sanitize.forLog(err.message()));
    }

    private SendReport.FileResult failed(LocalFiles.Entry e, long size, byte[] digest, ErrorCode code, String message) {
        return new SendReport.FileResult(e.name(), size, algorithm, Digests.hex(digest), false, code, message, null, 0, false);
    }
}
