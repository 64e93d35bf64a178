package io.ftrun.core.files;

import io.ftrun.core.Connection;
import io.ftrun.core.codec.FrameTooLargeException;
import io.ftrun.core.codec.InputBuffer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * One file per connection: every byte until the peer closes its side. End of stream is the only "complete" a raw
 * peer can say, so a reset, a timeout or a limit leaves nothing under a final name. What raw cannot see: a sender
 * killed between two writes whose kernel still closes the socket cleanly looks finished (the framed protocol
 * declares the size and a digest for that reason).
 */
final class RawReceiver implements InputBuffer.ChunkSink {
    private final Connection conn;
    private final ReceiverContext ctx;
    private final InputBuffer source;
    // the transfer in progress: what each chunk goes through
    private TempFile tmp;
    private Digests.Digester digest;
    private ProgressMeter progress;
    private long total;
    private long nextSpaceCheck = ReceiverContext.RAW_SPACE_CHECK_BYTES;

    RawReceiver(Connection conn, ReceiverContext ctx) {
        this.conn = conn;
        this.ctx = ctx;
        this.source = conn.input();
    }

    /** One chunk as it arrives: limit, temporary file, digest, progress. */
    @Override
    public void accept(byte[] bytes, int offset, int length) throws IOException {
        long max = ctx.config.maxFileSize();
        if (total + length > max) throw new FrameTooLargeException(total + length, max);
        tmp.write(bytes, offset, length);
        digest.update(bytes, offset, length);
        total += length;
        progress.advance(length);
        if (total >= nextSpaceCheck) {
            ctx.checkSpace(0);
            nextSpaceCheck = total + ReceiverContext.RAW_SPACE_CHECK_BYTES;
        }
    }

    void receive() throws IOException {
        Instant started = Instant.now();
        NameRequest req = ctx.request(conn, null, -1, FileProtocol.RAW, started);
        try (OpenDirectories open = ctx.dir.openDirectories()) {
            ReceiverContext.Placement placement;
            try {
                placement = ctx.preflight(open, req, ctx.rawNaming);
            } catch (FileTransferException e) {
                rejected(e);
                throw e;
            }
            try {
                transfer(open, req, placement, started);
            } finally {
                ctx.release(open, placement);
            }
        }
    }

    /** From the temporary to the stored file (or nothing left, if anything fails). */
    private void transfer(OpenDirectories open, NameRequest req, ReceiverContext.Placement placement, Instant started) throws IOException {
        try {
            tmp = ctx.dir.newTemporary(null);
        } catch (FileTransferException e) {
            rejected(e);
            throw e;
        }
        try {
            conn.emit(new FileEvents.TransferStarted(started, conn.owner(), conn.id(), conn.remoteAddress(), "receive", null, -1, 0));
            progress = new ProgressMeter(conn, "receive", null, -1, 0, ctx.config.progressInterval(), null);
            digest = Digests.create(Digests.DEFAULT);
            source.transferTo(this, Long.MAX_VALUE); // every byte until the peer closes, through accept()
            if (total == 0 && !ctx.config.keepEmptyRaw()) {
                tmp.delete(); // a connection that sent nothing (a port probe, a health check) is not a file
                return;
            }
            progress.finish();
            tmp.finish(ctx.config.fsync());
            String stored = ctx.store(open, tmp.path(), req, ctx.rawNaming, placement);
            conn.emit(new FileEvents.FileReceived(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), stored, null,
                    total, Digests.DEFAULT, Digests.hex(digest.finish()), Duration.between(started, Instant.now()), 0));
        } catch (IOException | RuntimeException | Error e) {
            tmp.delete();
            ErrorCode code = e instanceof FileTransferException ? ((FileTransferException) e).code()
                    : e instanceof FrameTooLargeException ? ErrorCode.TOO_LARGE : ErrorCode.CONNECTION_LOST;
            String why = e instanceof FrameTooLargeException ? "file exceeds the maximum size of " + ctx.config.maxFileSize() + " bytes"
                    : String.valueOf(e.getMessage());
            conn.emit(new FileEvents.TransferFailed(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), null, total,
                    code, why, false));
            throw e;
        }
    }

    private void rejected(FileTransferException e) {
        conn.emit(new FileEvents.FileRejected(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), null, e.code(), e.getMessage()));
    }
}
