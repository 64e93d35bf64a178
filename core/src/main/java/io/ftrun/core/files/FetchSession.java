package io.ftrun.core.files;

import io.ftrun.core.Connection;
import io.ftrun.core.event.Sanitize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A client's version 2 session for downloads: HELLO, then GET and LIST requests, then BYE. A GET's files arrive as
 * uploads do, and are received by the same code with the same guarantees (hidden temporary, verified digest,
 * atomic commit, resumable partial, SKIP of what is here unchanged), into {@link ReceiverContext}'s directory.
 */
final class FetchSession {
    private final Connection conn;
    private final ReceiverContext ctx;
    private final Frames frames;
    private final Messages.Welcome terms;

    private FetchSession(Connection conn, ReceiverContext ctx, Messages.Welcome terms) {
        this.conn = conn;
        this.ctx = ctx;
        this.frames = new Frames(conn, ctx.config.headerTimeout());
        this.terms = terms;
    }

    /** Opens the session: HELLO with {@code token}; the server must speak version 2 (version 1 has no downloads). */
    static FetchSession open(Connection conn, ReceiverContext ctx, String token, boolean compress) throws IOException {
        FetchSession s = new FetchSession(conn, ctx, terms(ctx.config, compress));
        Messages.Welcome w = FramedSender.handshake(s.frames, token);
        if (w.version() < Protocol.V2) {
            throw new FileTransferException(ErrorCode.UNSUPPORTED_VERSION, "the server speaks protocol version " + w.version()
                    + ", which has no downloads (version 2 has)");
        }
        return s;
    }

    /** What we accept as the receiver of a GET's files, stated as a WELCOME would. */
    private static Messages.Welcome terms(FileReceiverConfig c, boolean compress) {
        List<String> digests = Digests.supported().stream().filter(c.digests()::contains).toList();
        int flags = (c.allowResume() ? Protocol.WELCOME_RESUME : 0) | (compress ? Protocol.WELCOME_COMPRESS : 0);
        return new Messages.Welcome(Protocol.V2, flags, c.maxFileSize(), Protocol.MAX_DATA,
                digests, Protocol.WINDOW);
    }

    /**
     * GET {@code path}: each file's outcome to {@code outcomes}, until the server's BYE; files whose name
     * {@code wanted} refuses are answered NOT_AUTHORISED before their data.
     *
     * @throws FileTransferException when the server refuses the request (not found, not authorised): nothing was sent
     */
    void get(String path, Predicate<String> wanted, Consumer<SendReport.FileResult> outcomes) throws IOException {
        frames.send(Protocol.GET, new Messages.Get(path, terms).encode());
        int type = frames.expectNext("FILE, BYE or ERROR after GET");
        if (type == Protocol.ERROR) throw refusal(path);
        FramedReceiver.receiveServed(conn, ctx, frames, type, wanted, outcomes);
    }

    /**
     * Whether a name the server sends belongs to a GET of {@code path}: the path's last component itself, or below
     * it (anything, for the whole served tree). A server cannot make a client store what it did not ask for.
     */
    static boolean asked(String path, String name) {
        if (path.isEmpty()) return true;
        String last = path.substring(path.lastIndexOf('/') + 1);
        return name.equals(last) || name.startsWith(last + "/");
    }

    /** LIST {@code path}: what a GET of it would bring. */
    List<RemoteFile> list(String path) throws IOException {
        frames.send(Protocol.LIST, Messages.encodeList(path));
        List<RemoteFile> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            int type = frames.expectNext("LISTING or ERROR after LIST");
            if (type == Protocol.ERROR) throw refusal(path);
            if (type != Protocol.LISTING) throw Frames.protocolError("expected LISTING or ERROR, got " + Protocol.typeName(type));
            List<Messages.Listed> part = Messages.decodeListing(frames.payload());
            if (part.isEmpty()) return out;
            for (Messages.Listed e : part) {
                // the server's words reach terminals: shown names carry no control characters
                String name = Sanitize.forLog(e.path());
                if (seen.add(name)) out.add(new RemoteFile(name, e.size(), java.time.Instant.ofEpochMilli(e.mtime())));
            }
        }
    }

    /** BYE, and the server's BYE (or its close): the session ends. */
    void close() {
        try {
            frames.send(Protocol.BYE, new byte[0]);
            frames.next();
        } catch (IOException e) {
            // everything asked for has its answer: a goodbye that does not arrive changes nothing
        }
    }

    private FileTransferException refusal(String path) throws IOException {
        Messages.Error e = Messages.Error.decode(frames.payload());
        return new FileTransferException(e.code(), "the server refused it: " + Sanitize.forLog(e.message()));
    }
}
