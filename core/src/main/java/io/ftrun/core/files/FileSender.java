package io.ftrun.core.files;

import io.ftrun.core.Connection;

import io.ftrun.core.event.Events;
import io.ftrun.core.internal.Reasons;
import io.ftrun.core.internal.Threads;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Sends files to a {@link FileReceiver}: raw like the tutorial's client, or with the verified framed protocol. */
public final class FileSender {
    private FileSender() {
    }

    /**
     * Whether {@code e} is an ftrun receiver's answer that it takes raw uploads only (its HELLO refused with ERROR
     * PROTOCOL, docs/PROTOCOL.md): a single file may then be sent to it raw, on a new connection.
     */
    public static boolean refusedAsRawOnly(IOException e) {
        return e instanceof FileTransferException f && f.code() == ErrorCode.PROTOCOL && f.getMessage() != null
                && f.getMessage().contains(Protocol.RAW_ONLY);
    }

    /**
     * Raw sending, what {@code nc -N host port < file} does: the file's bytes, then a half-close so the receiver
     * sees the end. The receiver cannot confirm anything in raw mode; use {@link #send} for that.
     *
     * @return the number of bytes sent
     */
    public static long sendRaw(Connection connection, Path file) throws IOException {
        long n = connection.sendFile(file);
        connection.shutdownOutput();
        return n;
    }

    /**
     * Sends a file, or a directory tree (its regular files, relative paths kept, the directory's own name as the
     * first component), with the framed protocol, each file verified by the receiver's digest.
     *
     * @return per file: confirmed, or the receiver's error code and message. Check {@link SendReport#allConfirmed()}.
     * @throws SessionBrokenException when the connection breaks, saying which files were confirmed before
     * @throws FileTransferException when the receiver refuses the session (wrong token, version, busy)
     */
    public static SendReport send(Connection connection, Path fileOrDirectory, SendOptions options) throws IOException {
        return send(connection, List.of(fileOrDirectory), options);
    }

    /** Like {@link #send(Connection, Path, SendOptions)} for several files and directories in one session. */
    public static SendReport send(Connection connection, Collection<Path> filesOrDirectories, SendOptions options) throws IOException {
        try {
            return new FramedSender(connection, options).send(LocalFiles.of(filesOrDirectories));
        } catch (SessionBrokenException e) {
            // a busy receiver answered before anything was sent: its refusal, as it was
            if (e.getCause() instanceof FileTransferException refusal) throw refusal;
            throw e;
        }
    }

    /** Opens a connection to the receiver, for each attempt of {@link #send(Connection, Connector, Collection, SendOptions)}. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws IOException;
    }

    /**
     * Like {@link #send(Connection, Collection, SendOptions)}, carrying on when the session breaks: up to
     * {@link SendOptions#reconnects()} times it waits (from {@link SendOptions#reconnectBackoff()}, doubling), connects
     * again through {@code connector} (perhaps to another replica behind a balancer) and sends only what the receiver
     * has not confirmed: files confirmed, refused or skipped are not sent again, and the file that was cut resumes
     * where the receiver can prove it. A connection whose session broke is closed here; {@code first}, and the
     * connection the send finished on, are the caller's (its connector knows which that was), open for what it does
     * next.
     *
     * @throws SessionBrokenException when the last attempt broke too; its report says what was confirmed
     */
    public static SendReport send(Connection first, Connector connector, Collection<Path> filesOrDirectories, SendOptions options)
            throws IOException {
        return send(first, connector, LocalFiles.of(filesOrDirectories), options);
    }

    /**
     * Like {@link #send(Connection, Connector, Collection, SendOptions)} for files each sent under a name of the
     * caller's (relative, '/' between directories; the receiver checks it as it checks any): name → regular file,
     * in the map's order. For a selection such as a glob's matches, named by their path below the glob's base.
     */
    public static SendReport sendNamed(Connection first, Connector connector, java.util.Map<String, Path> files, SendOptions options)
            throws IOException {
        List<LocalFiles.Entry> entries = new ArrayList<>();
        files.forEach((name, file) -> entries.add(new LocalFiles.Entry(file, name)));
        return send(first, connector, entries, options);
    }

    /**
     * Like {@link #sendNamed(Connection, Connector, java.util.Map, SendOptions)} for files that all lie below
     * {@code root}, each opened from it without following any link: a file or directory swapped for a link after it
     * was chosen fails to open rather than sending what the link points to. For a directory others can write to,
     * such as a watched inbox.
     */
    public static SendReport sendNamedBelow(Connection first, Connector connector, Path root, java.util.Map<String, Path> files,
                                            SendOptions options) throws IOException {
        Path real = root.toRealPath();
        LinkFreeAccess access = new LinkFreeAccess(real);
        List<LocalFiles.Entry> entries = new ArrayList<>();
        files.forEach((name, file) -> entries.add(new LocalFiles.Entry(real.resolve(root.toAbsolutePath().normalize()
                .relativize(file.toAbsolutePath().normalize())), name, access)));
        return send(first, connector, entries, options);
    }

    /** The names {@link #send} gives the regular files of each file or directory: name → file, in sending order. */
    public static java.util.Map<String, Path> names(Collection<Path> filesOrDirectories) throws IOException {
        java.util.Map<String, Path> out = new java.util.LinkedHashMap<>();
        for (LocalFiles.Entry e : LocalFiles.of(filesOrDirectories)) out.put(e.name(), e.file());
        return out;
    }

    private static SendReport send(Connection first, Connector connector, List<LocalFiles.Entry> entries, SendOptions options)
            throws IOException {
        SendReport.FileResult[] results = new SendReport.FileResult[entries.size()];
        long t0 = System.nanoTime();
        long wait = options.reconnectBackoff().toMillis();
        Connection c = first;
        String owner = first.owner();
        for (int attempt = 0; ; attempt++) {
            IOException broke = null;
            if (c == null) {
                try {
                    c = connector.connect();
                } catch (IOException e) {
                    broke = e; // the receiver is still away: counts as one more broken attempt
                    c = null;
                }
            }
            if (c != null) {
                List<Integer> todo = new ArrayList<>();
                for (int i = 0; i < results.length; i++) {
                    if (results[i] == null || sendAgain(results[i].error())) todo.add(i);
                }
                try {
                    merge(results, todo, new FramedSender(c, options).send(todo.stream().map(entries::get).toList()));
                    return new SendReport(Arrays.asList(results), Duration.ofNanos(System.nanoTime() - t0));
                } catch (SessionBrokenException e) {
                    merge(results, todo, e.partial());
                    broke = e.getCause() instanceof IOException io ? io : e;
                    c.close(); // a broken session's connection is no use to anyone, the first one included
                    c = null;
                } catch (IOException e) {
                    if (attempt == 0) throw e; // a refused session or a protocol error: as it was
                    // another replica refused, or misbehaved: what got through before still counts
                    if (c != first) c.close();
                    SendReport sofar = new SendReport(Arrays.asList(fill(results, entries, e)), Duration.ofNanos(System.nanoTime() - t0));
                    throw new SessionBrokenException(sofar.files().size() - sofar.failed().size() + " of " + sofar.files().size()
                            + " file(s) confirmed; then: " + Reasons.of(e), sofar, e);
                }
            }
            SendReport sofar = new SendReport(Arrays.asList(fill(results, entries, broke)), Duration.ofNanos(System.nanoTime() - t0));
            long confirmed = sofar.files().size() - sofar.failed().size();
            if (Reasons.stopped(broke)) {
                throw new SessionBrokenException(confirmed + " of " + sofar.files().size() + " file(s) confirmed; stopped ("
                        + Reasons.of(broke) + ")", sofar, broke);
            }
            if (attempt >= options.reconnects()) {
                throw new SessionBrokenException(confirmed + " of " + sofar.files().size() + " file(s) confirmed; the session broke "
                        + (attempt + 1) + " time(s), last: " + Reasons.of(broke), sofar, broke);
            }
            first.emit(Events.warning(owner, "send", "the session broke after " + confirmed + " of " + sofar.files().size()
                    + " file(s) were confirmed (" + Reasons.of(broke) + "); connecting again in " + wait + " ms ("
                    + (attempt + 1) + " of " + options.reconnects() + ")"));
            if (!Threads.sleep(wait)) throw new java.io.InterruptedIOException("interrupted while waiting to reconnect");
            wait = Math.min(Math.max(1, wait) * 2, 30_000);
        }
    }

    /**
     * Whether a file's failure belongs to the session rather than to the file: the connection broke before its
     * answer, or the receiver ended the session over a message it could not read (a cut stream looks like that).
     */
    private static boolean sendAgain(ErrorCode code) {
        return code == ErrorCode.CONNECTION_LOST || code == ErrorCode.PROTOCOL;
    }

    /** The results so far, a file never tried yet counted as not sent. */
    private static SendReport.FileResult[] fill(SendReport.FileResult[] results, List<LocalFiles.Entry> entries, IOException why) {
        SendReport.FileResult[] all = results.clone();
        for (int i = 0; i < all.length; i++) {
            if (all[i] == null) {
                all[i] = new SendReport.FileResult(entries.get(i).name(), -1, null, null, false, ErrorCode.CONNECTION_LOST,
                        "not sent: " + why.getMessage(), null, 0, false);
            }
        }
        return all;
    }

    private static void merge(SendReport.FileResult[] results, List<Integer> todo, SendReport report) {
        for (int j = 0; j < todo.size(); j++) results[todo.get(j)] = report.files().get(j);
    }
}
