package io.ftrun.core.files;

import io.ftrun.core.Connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's answers to GET and LIST on one session (docs/PROTOCOL.md, "Downloads"). A GET is answered by sending
 * its files exactly as a version 2 sender does, roles swapped: the client is their receiver on the terms it stated in
 * GET, and our BYE after the last answer gives the session back to it.
 */
final class DownloadService {
    private final Connection conn;
    private final Frames frames;
    private final ServedDirectory served;
    /** Whether this session's token opens downloads. */
    private boolean allowed;

    DownloadService(Connection conn, Frames frames, ServedDirectory served) {
        this.conn = conn;
        this.frames = frames;
        this.served = served;
    }

    /** Whether the session's HELLO token opens downloads; remembered for its GETs and LISTs. */
    boolean authorize(String token) {
        allowed = FramedReceiver.opens(served.config().token(), token);
        return allowed;
    }

    void answer(int type, ByteBuffer payload) throws IOException {
        if (type == Protocol.GET) get(Messages.Get.decode(payload));
        else list(Messages.decodeList(payload));
    }

    private void get(Messages.Get get) throws IOException {
        Messages.Welcome terms = get.terms();
        if (terms.version() < Protocol.V2 || terms.maxData() < 1) {
            throw Frames.protocolError("GET states version " + terms.version() + " and max_data " + terms.maxData()
                    + " (version 2 or more, and max_data at least 1)");
        }
        try (LinkFreeAccess files = served.openFiles()) {
            List<LocalFiles.Entry> entries;
            try {
                entries = permitted(get.path(), () -> served.entries(get.path(), files));
            } catch (FileTransferException e) {
                refuse(get.path(), e);
                return;
            }
            // the client's terms say whether it wants the data compressed (it takes what it asks for)
            SendOptions options = SendOptions.builder().chunkSize(Math.min(SendOptions.DEFAULT_CHUNK_SIZE, terms.maxData()))
                    .compress(terms.compressionAccepted()).build();
            try { // each file's outcome is a FileSent event, as for any sender
                new FramedSender(conn, options, frames).serve(entries, terms);
            } catch (SessionBrokenException e) {
                throw e.getCause() instanceof IOException io ? io : e; // the client went away: the connection ends
            }
        }
    }

    private void list(String path) throws IOException {
        List<Messages.Listed> all;
        try {
            all = permitted(path, () -> served.list(path));
        } catch (FileTransferException e) {
            refuse(path, e);
            return;
        }
        List<Messages.Listed> part = new ArrayList<>();
        int bytes = 2;
        for (Messages.Listed e : all) {
            if (bytes + e.encodedSize() > Protocol.MAX_CONTROL) {
                frames.queue(Protocol.LISTING, Messages.encodeListing(part));
                part.clear();
                bytes = 2;
            }
            part.add(e);
            bytes += e.encodedSize();
        }
        if (!part.isEmpty()) frames.queue(Protocol.LISTING, Messages.encodeListing(part));
        frames.send(Protocol.LISTING, Messages.encodeListing(List.of())); // the end of the answer
    }

    private interface Lookup<T> {
        T find() throws FileTransferException;
    }

    private <T> T permitted(String path, Lookup<T> lookup) throws FileTransferException {
        if (!allowed) throw new FileTransferException(ErrorCode.NOT_AUTHORISED, "this session's token does not open downloads");
        return lookup.find();
    }

    private void refuse(String path, FileTransferException e) throws IOException {
        frames.send(Protocol.ERROR, new Messages.Error(e.code(), e.getMessage()).encode());
        conn.emit(new FileEvents.FileRejected(java.time.Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), path, e.code(), e.getMessage()));
    }
}
