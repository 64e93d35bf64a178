package io.ftrun.core.files;

import io.ftrun.core.Connection;
import io.ftrun.core.codec.FrameTooLargeException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * One file per connection: every byte until the peer closes its side. End of stream is the only "complete" a raw
 * peer can say, so a reset, a timeout or a limit leaves nothing under a final name. What raw cannot see: a sender
 * killed between two writes whose kernel still closes the socket cleanly looks finished (the framed protocol
 * declares the size and a digest for that reason).
 */
final class RawReceiver {
    private final Connection conn;
    private final ReceiverContext ctx;
    private final Source source;
    private final byte[] buf;
    private final ByteBuffer bb;

    RawReceiver(Connection conn, ReceiverContext ctx, Source source, byte[] buf) {
        this.conn = conn;
        this.ctx = ctx;
        this.source = source;
        this.buf = buf;
        this.bb = ByteBuffer.wrap(buf);
    }

    void receive() throws IOException {
        Instant started = Instant.now();
        NameRequest req = ctx.request(conn, null, -1, FileProtocol.RAW, started);
        TempFile tmp;
        try {
            ctx.preflight(req, ctx.rawNaming);
            tmp = ctx.dir.newTemporary();
        } catch (FileTransferException e) {
            conn.emit(new FileEvents.FileRejected(Instant.now(), conn.owner(), conn.id(), conn.remoteAddress(), null, e.code(), e.getMessage()));
            throw e;
        }
        long total = 0;
        try {
            conn.emit(new FileEvents.TransferStarted(started, conn.owner(), conn.id(), conn.remoteAddress(), "receive", null, -1, 0));
            ProgressMeter progress = new ProgressMeter(conn, "receive", null, -1, 0, ctx.config.progressInterval(), null);
            Digests.Digester digest = Digests.create(Digests.DEFAULT);
            long max = ctx.config.maxFileSize();
            long nextSpaceCheck = ReceiverContext.RAW_SPACE_CHECK_BYTES;
            int n;
            while ((n = source.read(buf, 0, buf.length)) >= 0) {
                if (total + n > max) throw new FrameTooLargeException(total + n, max);
                bb.clear().limit(n);
                tmp.write(bb);
                digest.update(buf, 0, n);
                total += n;
                progress.advance(n);
                if (total >= nextSpaceCheck) {
                    ctx.checkSpace(0);
                    nextSpaceCheck = total + ReceiverContext.RAW_SPACE_CHECK_BYTES;
                }
            }
            if (total == 0 && !ctx.config.keepEmptyRaw()) {
                tmp.delete(); // a connection that sent nothing (a port probe, a health check) is not a file
                return;
            }
            progress.finish();
            tmp.finish(ctx.config.fsync());
            String stored = ctx.store(tmp.path(), req, ctx.rawNaming);
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
}
