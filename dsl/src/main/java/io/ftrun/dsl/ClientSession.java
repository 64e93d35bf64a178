package io.ftrun.dsl;

import io.ftrun.core.Connection;
import io.ftrun.core.Message;
import io.ftrun.core.files.FileSender;
import io.ftrun.core.files.SendReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The state of one running client: its connection and what it has sent and received. */
final class ClientSession {
    private final String scriptFile;
    private final List<String> received = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private Connection connection;
    /** The connection the client opened first; the caller closes it. Later ones (a framed session carried on) are ours. */
    private Connection first;
    private FileSender.Connector reconnect;
    /** What connections before the current one moved. */
    private long earlierOut;
    private long earlierIn;
    private long bytesOut;
    private long bytesIn;

    private final ClientRuntime runtime;

    ClientSession(String scriptFile, ClientRuntime runtime) {
        this.scriptFile = scriptFile;
        this.runtime = runtime;
    }

    /** The running fetch's {@code onFile}, where its files go, and what it threw first. */
    private volatile FileHook fetchHook;
    private volatile Path fetchInto;
    private ScriptProblem hookProblem;

    /** Every event of this client's connections: a file a fetch stored goes to its {@code onFile}. */
    void heard(io.ftrun.core.event.Event e) {
        FileHook hook = fetchHook;
        if (hook == null || !(e instanceof io.ftrun.core.files.FileEvents.FileReceived r)) return;
        ScriptProblem p = hook.call(fetchInto, r);
        if (p != null && hookProblem == null) hookProblem = p;
    }

    /** {@code reconnect} opens another connection to the same receiver when a framed session breaks. */
    void open(Connection c, FileSender.Connector reconnect) {
        this.connection = c;
        this.first = c;
        this.reconnect = reconnect;
    }

    /** The steps that follow use {@code next}: counted on top of what the connection before it moved. */
    private Connection replace(Connection next) {
        earlierOut += connection.bytesOut();
        earlierIn += connection.bytesIn();
        if (connection != first) connection.close();
        connection = next;
        return next;
    }

    /** A framed session (send, fetch or list) ended with BYE on this connection: the server has closed it. */
    private boolean sessionEnded;

    /** The connection for the next framed session: a new one once a session has ended on this one. */
    private Connection forSession() throws IOException {
        if (sessionEnded) replace(reconnect.connect());
        sessionEnded = true;
        return connection;
    }

    /** Closes a connection this session opened itself (the first is its opener's). */
    void release() {
        if (connection != null && connection != first) connection.close();
    }

    Connection connection() {
        return connection;
    }

    Message receive() throws IOException {
        Message m = connection.receive();
        if (m != null) received.add(m.text());
        return m;
    }

    /** {@code sendFiles}: the selection as it is now, in one framed session that reconnects like {@code sendFile}'s. */
    void sendFiles(FileSelection selection, FileSendSettings settings) throws IOException {
        java.util.Map<String, Path> files = selection.resolve();
        SendReport report;
        try {
            report = FileSender.sendNamed(forSession(), () -> replace(reconnect.connect()), files, settings.options());
        } catch (io.ftrun.core.files.SessionBrokenException e) {
            throw broken(e, SendOutcome::describe);
        }
        record(report);
        if (!report.allConfirmed()) throw IncompleteTransfer.of(SendOutcome.describe(report, null), report, null);
        runtime.log().info(SendOutcome.summary(report, "sent"));
    }

    /**
     * Records what a broken session got through, and returns the failure that says so ({@code describe} with the
     * report and why it broke), caused by what broke it, for its exit code.
     */
    private IncompleteTransfer broken(io.ftrun.core.files.SessionBrokenException e,
                                      java.util.function.BiFunction<SendReport, String, String> describe) {
        record(e.partial());
        Throwable why = e.getCause() == null ? e : e.getCause();
        return IncompleteTransfer.of(describe.apply(e.partial(), why.getMessage()), e.partial(), why);
    }

    /**
     * {@code watch}: each batch of complete files in a framed session of its own, opened when the batch is ready; the
     * connection the client opened is ended first, since a watch may wait longer than a receiver keeps an idle one.
     */
    void watch(FileSelection selection, WatchSettings watch, FileSendSettings settings) throws IOException {
        FileWatch w = new FileWatch(selection.watched(), watch, runtime.log(), runtime.stopRequested());
        if (!sessionEnded) { // an empty session (HELLO, BYE) lets the server close it as a client done, not one that vanished
            FileSender.sendNamed(forSession(), () -> replace(reconnect.connect()), java.util.Map.of(), settings.options());
        }
        w.run((root, batch) -> {
            try {
                SendReport report = FileSender.sendNamedBelow(forSession(), () -> replace(reconnect.connect()), root, batch, settings.options());
                record(report);
                return report;
            } catch (io.ftrun.core.files.SessionBrokenException e) {
                record(e.partial());
                throw e;
            }
        });
    }

    void sendFile(Path path, FileSendSettings settings) throws IOException {
        if (!Files.exists(path)) throw FileSelection.noSuchFile(path);
        if (settings.framed()) {
            SendReport report;
            try {
                report = FileSender.send(forSession(), () -> replace(reconnect.connect()), List.of(path), settings.options());
            } catch (io.ftrun.core.files.SessionBrokenException e) {
                throw broken(e, SendOutcome::describe);
            } catch (IOException e) {
                if (!settings.rawIfRefused() || !FileSender.refusedAsRawOnly(e) || Files.isDirectory(path)) throw e;
                runtime.log().warn(path.getFileName() + ": the receiver takes raw uploads only: sending the bytes as they are,"
                        + " without name or verification (protocol 'raw' says so up front)");
                replace(reconnect.connect());
                sendRaw(path);
                return;
            }
            record(report);
            if (!report.allConfirmed()) throw IncompleteTransfer.of(SendOutcome.describe(report, null), report, null);
            runtime.log().info(SendOutcome.summary(report, "sent"));
            return;
        }
        if (Files.isDirectory(path)) {
            throw new DslException(path + " is a directory: the raw protocol sends one file; use protocol 'framed' for directories");
        }
        sendRaw(path);
    }

    private void sendRaw(Path path) throws IOException {
        FileSender.sendRaw(connection, path);
        // The server closes once it has the whole file; until then the upload is not known to have landed.
        while (connection.input().readChunk() != null) {
            // a raw receiver sends nothing back; anything it does send is not part of the file
        }
        files.add(path.getFileName().toString());
    }

    void fetch(List<String> paths, io.ftrun.core.files.FileReceiverConfig local, io.ftrun.core.files.SendOptions options,
               FileHook onFile) throws IOException {
        fetchInto = local.directory();
        fetchHook = onFile;
        try {
            fetch(paths, local, options);
        } finally {
            fetchHook = null;
        }
        // the files are stored: a hook that threw fails the step after them, never instead of them
        if (hookProblem != null) throw new ScriptError(hookProblem);
    }

    private void fetch(List<String> paths, io.ftrun.core.files.FileReceiverConfig local, io.ftrun.core.files.SendOptions options) throws IOException {
        SendReport report;
        try {
            report = io.ftrun.core.files.FileFetcher.fetch(forSession(), () -> replace(reconnect.connect()), paths, local, options);
        } catch (io.ftrun.core.files.SessionBrokenException e) {
            throw broken(e, SendOutcome::describeFetch);
        }
        record(report);
        if (!report.allConfirmed()) throw IncompleteTransfer.of(SendOutcome.describeFetch(report, null), report, null);
        runtime.log().info(SendOutcome.summary(report, "fetched"));
    }

    List<io.ftrun.core.files.RemoteFile> list(String path, FileSendSettings settings) throws IOException {
        // listing stores nothing: the receiving side it opens is a temporary directory's, never used
        Path scratch = Files.createTempDirectory("ftrun-list");
        try {
            return io.ftrun.core.files.FileFetcher.list(forSession(), path, settings.options().token(),
                    io.ftrun.core.files.FileReceiverConfig.builder().directory(scratch).build());
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private void record(SendReport report) {
        for (SendReport.FileResult f : report.files()) {
            if (f.confirmed()) files.add(f.name());
        }
    }

    /** Records the totals once the steps are done. */
    void close() {
        bytesOut = earlierOut + connection.bytesOut();
        bytesIn = earlierIn + connection.bytesIn();
    }

    ClientResult result(String name, int index, ScriptProblem problem, Duration took) {
        if (connection != null) {
            bytesOut = earlierOut + connection.bytesOut();
            bytesIn = earlierIn + connection.bytesIn();
        }
        return new ClientResult(name, index, problem, bytesOut, bytesIn, received, files, took);
    }
}
