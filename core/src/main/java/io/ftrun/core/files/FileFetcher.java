package io.ftrun.core.files;

import io.ftrun.core.Connection;
import io.ftrun.core.event.Events;
import io.ftrun.core.internal.Reasons;
import io.ftrun.core.internal.Threads;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Downloads from a server that serves files ({@link FileReceiver#handler(FileReceiverConfig, ServeConfig)}): the
 * client receives them exactly as a receiver receives uploads, into {@code local}'s directory and by its naming,
 * with the same guarantees (hidden temporary, verified digest, atomic commit, resumable partial, no overwrite unless
 * the naming says so). A file held here unchanged is skipped.
 */
public final class FileFetcher {
    private FileFetcher() {
    }

    /** What {@code path} (relative to what the server serves; empty: all of it) would bring. */
    public static List<RemoteFile> list(Connection connection, String path, String token, FileReceiverConfig local) throws IOException {
        FetchSession s = FetchSession.open(connection, new ReceiverContext(local), token, false);
        List<RemoteFile> out = s.list(path);
        s.close();
        return out;
    }

    /**
     * Fetches each path (a file arrives under its own name, a directory with its name first, {@code ""} all the
     * server serves), carrying on when the session breaks as {@link FileSender#send(Connection, FileSender.Connector,
     * Collection, SendOptions)} does: {@code options} gives the token, the reconnects and their backoff. A path the
     * server refuses (not found, not authorised) is one failed result named by that path.
     *
     * @return per file: stored (confirmed) or skipped, or why not. Check {@link SendReport#allConfirmed()}.
     * @throws SessionBrokenException when the last attempt broke too; its report says what arrived
     */
    public static SendReport fetch(Connection first, FileSender.Connector connector, Collection<String> paths,
                                   FileReceiverConfig local, SendOptions options) throws IOException {
        ReceiverContext ctx = new ReceiverContext(local);
        Map<String, SendReport.FileResult> results = new LinkedHashMap<>();
        List<String> todo = new ArrayList<>(paths);
        long t0 = System.nanoTime();
        long wait = options.reconnectBackoff().toMillis();
        Connection c = first;
        for (int attempt = 0; ; attempt++) {
            IOException broke;
            try {
                if (c == null) c = connector.connect();
                FetchSession s = FetchSession.open(c, ctx, options.token(), options.compress());
                while (!todo.isEmpty()) {
                    String path = todo.get(0);
                    try {
                        s.get(path, name -> FetchSession.asked(path, name) && !stored(results, name), r -> merge(results, r));
                    } catch (FileTransferException refused) {
                        if (!refusesRequest(refused.code())) throw refused;
                        results.put(path, new SendReport.FileResult(path, -1, null, null, false, refused.code(), refused.getMessage(), null, 0, false));
                    }
                    todo.remove(0);
                }
                s.close();
                return report(results, t0);
            } catch (FileTransferException e) {
                if (e.code() != ErrorCode.BUSY) throw e; // a refused session or a protocol error: as it was
                broke = e;
            } catch (IOException e) {
                broke = e;
            }
            if (c != null && c != first) c.close();
            if (c == first && first != null) first.close(); // a broken session's connection is no use to anyone
            c = null;
            if (attempt >= options.reconnects() || connector == null || Reasons.stopped(broke)) {
                SendReport sofar = report(results, t0);
                throw new SessionBrokenException(sofar.files().size() - sofar.failed().size() + " file(s) arrived, " + todo.size()
                        + " request(s) unfinished; " + (Reasons.stopped(broke) ? "stopped (" + Reasons.of(broke) + ")"
                        : "the session broke " + (attempt + 1) + " time(s), last: " + Reasons.of(broke)), sofar, broke);
            }
            if (first != null) {
                first.emit(Events.warning(first.owner(), "fetch", "the session broke (" + Reasons.of(broke) + "); connecting again in "
                        + wait + " ms (" + (attempt + 1) + " of " + options.reconnects() + ")"));
            }
            if (!Threads.sleep(wait)) throw new java.io.InterruptedIOException("interrupted while waiting to reconnect");
            wait = Math.min(Math.max(1, wait) * 2, 30_000);
        }
    }

    /** Refusals of one request, after which the session goes on (docs/PROTOCOL.md, GET). */
    private static boolean refusesRequest(ErrorCode code) {
        return code == ErrorCode.NOT_FOUND || code == ErrorCode.NAME_REJECTED || code == ErrorCode.NOT_AUTHORISED || code == ErrorCode.IO_ERROR;
    }

    private static boolean stored(Map<String, SendReport.FileResult> results, String name) {
        SendReport.FileResult r = results.get(name);
        return r != null && r.confirmed();
    }

    /** A file stored once stays stored: a later attempt's refusal of it (we said it is here already) changes nothing. */
    private static void merge(Map<String, SendReport.FileResult> results, SendReport.FileResult r) {
        if (!stored(results, r.name())) results.put(r.name(), r);
    }

    private static SendReport report(Map<String, SendReport.FileResult> results, long t0) {
        return new SendReport(new ArrayList<>(results.values()), Duration.ofNanos(System.nanoTime() - t0));
    }
}
