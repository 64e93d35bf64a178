package io.ftrun.dsl;

// Over 300 lines on purpose: the client's whole vocabulary, one short documented method per DSL word; what the words
// do lives in ClientSteps, ClientSession, FileSendSettings and FetchSettings.

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.core.Message;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.event.EventListener;
import io.ftrun.dsl.internal.Closures;
import io.ftrun.dsl.internal.ScriptLines;
import io.ftrun.dsl.internal.SecretValues;
import io.ftrun.dsl.internal.Values;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One client: where to connect, then steps run in order on one connection —
 * {@code send}, {@code sendFile}, {@code expect}, {@code receive}, {@code session}, {@code pause}, {@code finish}.
 * In {@code clients(n) { }} the block runs once per client; {@code index} tells them apart.
 */
public final class ClientSpec extends ConnectionSpec<ClientConfig.Builder> {
    private static final String RAW_NOT_COMPRESSED = "compress needs protocol 'framed': raw sends the file's bytes as they are";
    private final int index;
    private final ClientSteps steps;
    private Supplier<String> host;
    private Supplier<Integer> port;
    private final FileSendSettings files = new FileSendSettings();
    private boolean rawFileSent;
    private boolean sendsFiles;
    private int connectLine = -1;

    ClientSpec(ScriptModel model, String name, int index) {
        super(model, "client", name, ClientConfig.builder());
        this.index = index;
        this.steps = new ClientSteps(model.scriptFile());
    }

    /** This client's number in {@code clients(n)}, from 0. */
    public int getIndex() {
        return index;
    }

    /** True when this client sends files: it moves (and digests) bytes for long enough to want the optimizing JIT. */
    boolean sendsFiles() {
        return sendsFiles;
    }

    public String getName() {
        return name;
    }

    // ---- where and how ----------------------------------------------------------------------------------

    public void connect(String host, Object port) {
        checkOpen("connect");
        int p = Values.port(port, "port");
        if (p == 0) throw new DslException("a client cannot connect to port 0");
        connectLine = ScriptLines.current(model.scriptFile());
        this.host = () -> host;
        this.port = () -> p;
    }

    /** Connects to a server of this script, whatever port it got: {@code connect inbox}. */
    public void connect(ServerHandle server) {
        checkOpen("connect");
        connectLine = ScriptLines.current(model.scriptFile());
        this.host = server::getHost;
        this.port = server::getPort;
    }

    /** {@code connect host: 'localhost', port: 9999}; {@code port:} may name a server of this script. */
    public void connect(Map<String, ?> where) {
        for (String k : where.keySet()) {
            if (!k.equals("host") && !k.equals("port")) throw new DslException("unknown connect option '" + k + "' (expected host, port)");
        }
        Object h = where.get("host");
        Object p = where.get("port");
        if (p instanceof ServerHandle) {
            checkOpen("connect");
            ServerHandle server = (ServerHandle) p;
            connectLine = ScriptLines.current(model.scriptFile());
            this.host = h == null ? server::getHost : h::toString;
            this.port = server::getPort;
            return;
        }
        connect(h == null ? "127.0.0.1" : h.toString(), p);
    }

    /** Tries again this many times if the server is not there yet, waiting longer each time. */
    public void retries(Object n) {
        set("retries", () -> builder.retries(Values.integer(n, "retries")));
    }

    public void connectTimeout(Object d) {
        set("connectTimeout", () -> builder.connectTimeout(Values.duration(d, "connectTimeout")));
    }

    /** The old name of {@code idleTimeout}, kept so that older scripts still run. */
    public void readTimeout(Object d) {
        idleTimeout(d);
    }

    /**
     * How {@code sendFile} talks: {@code 'raw'} (bytes, then close; the tutorial), {@code 'framed'} (verified), or
     * {@code 'auto'}: framed, and a single file goes raw to an ftrun receiver that takes raw uploads only.
     */
    public void protocol(String p) {
        checkOpen("protocol");
        files.protocol(p);
    }

    /**
     * The digest for the framed protocol, e.g. {@code 'crc32c'} or {@code 'sha256'}. Unset: {@code sha-256} while
     * {@code resume} is on (only SHA-256 transfers resume), {@code crc32c} otherwise.
     */
    public void digest(String algorithm) {
        checkOpen("digest");
        files.digest(algorithm);
    }

    /** Speak TLS to the server: {@code tls { trust 'ca.pem' }} or {@code tls { pin 'sha256/...' }}. */
    public void tls(@DelegatesTo(value = ClientTlsSpec.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        tls(spec -> Closures.configure(spec, block));
    }

    public void tls(Action<? super ClientTlsSpec> action) {
        applyTls(new ClientTlsSpec(model), action);
    }

    /** The receiver's token for the framed protocol: {@code token file: 'token.txt'} or {@code token env: 'FTRUN_TOKEN'}. */
    public void token(Map<String, ?> source) {
        set("token", () -> files.token(SecretValues.read(source, "token", model::resolve)));
    }

    /**
     * With the framed protocol: continue an interrupted upload instead of starting over (on by default). Only
     * {@code sha-256} transfers resume: with another {@code digest} chosen, files are sent from the start.
     */
    public void resume(Object on) {
        checkOpen("resume");
        files.resume(Values.bool(on, "resume"));
    }

    /**
     * With the framed protocol: let the receiver skip a file it holds unchanged, same path, size and modification
     * time, as rsync's quick check does (on by default), so sending a folder again sends only what changed. Off:
     * every file is sent, and stored as the receiver's naming says.
     */
    public void skipUnchanged(Object on) {
        checkOpen("skipUnchanged");
        files.skipUnchanged(Values.bool(on, "skipUnchanged"));
    }

    /**
     * With the framed protocol (version 2): compress the data where the server takes it, and ask a {@code serveFiles}
     * server to compress what it sends for {@code fetch} (off by default). It pays on a slow link with text-like
     * files; data that does not shrink is sent as it is, so it costs little more than the attempt.
     */
    public void compress(Object on) {
        checkOpen("compress");
        boolean compress = Values.bool(on, "compress");
        if (compress && rawFileSent) throw new DslException(RAW_NOT_COMPRESSED);
        files.compress(compress);
    }

    // ---- steps -----------------------------------------------------------------------------------------

    /** Sends text or bytes, framed by this client's framing. */
    public void send(Object message) {
        step("send", s -> {
            if (message instanceof byte[]) s.connection().send((byte[]) message);
            else s.connection().send(String.valueOf(message));
        });
    }

    /**
     * Sends a file, or with the framed protocol a file or a whole directory. Raw: the bytes, then the client
     * closes its side and waits for the server to finish (one file per connection, as the tutorial does).
     */
    public void sendFile(Object file) {
        checkOpen("sendFile");
        Path path = model.resolve(file);
        if (!files.framed()) {
            if (files.compresses()) throw new DslException(RAW_NOT_COMPRESSED);
            if (rawFileSent) {
                throw new DslException("the raw protocol sends one file per connection; use protocol 'framed' to send several");
            }
            rawFileSent = true;
        }
        sendsFiles = true;
        step("sendFile", s -> s.sendFile(path, files), () -> {
            if (!java.nio.file.Files.exists(path)) throw FileSelection.noSuchFile(path);
        });
    }

    /**
     * Sends files, directories and globs in one framed session: {@code sendFiles 'report.pdf', 'docs', 'scans/*.pdf'}.
     * Globs are looked up when the step runs; a glob's matches keep their path below its fixed part
     * ({@code 'scans/**.pdf'} sends {@code scans/2026/a.pdf} as {@code 2026/a.pdf}); one that matches nothing fails.
     */
    public void sendFiles(Object... paths) {
        checkOpen("sendFiles");
        if (!files.framed()) throw new DslException("sendFiles needs protocol 'framed' (raw sends one file per connection)");
        List<String> patterns = new ArrayList<>();
        for (Object p : paths) patterns.add(String.valueOf(p));
        FileSelection selection = new FileSelection(patterns, model);
        sendsFiles = true;
        step("sendFiles", s -> s.sendFiles(selection, files), selection::checkNamedFilesExist);
    }

    /**
     * Sends each new or changed file of directories or globs once it is complete, until the run stops:
     * {@code watch 'scans', stableFor: '2s'}. A file is complete when its size and time have not changed for
     * {@code stableFor} (2 s); the directories are looked at {@code every} 500 ms; {@code stopAfter: '1h'} ends the
     * watch by itself; {@code existing: false} leaves the files already there alone (by default they are sent, and
     * the receiver skips those it holds unchanged). Links and hidden names are never sent. Names are as
     * {@code sendFiles} gives them.
     */
    public void watch(Map<String, ?> options, Object... paths) {
        checkOpen("watch");
        if (!files.framed()) throw new DslException("watch needs protocol 'framed' (raw sends one file per connection)");
        List<String> patterns = new ArrayList<>();
        for (Object p : paths) patterns.add(String.valueOf(p));
        if (patterns.isEmpty()) throw new DslException("watch needs a directory or a glob: watch 'scans', stableFor: '2s'");
        FileSelection selection = new FileSelection(patterns, model);
        WatchSettings settings = WatchSettings.of(options);
        sendsFiles = true;
        step("watch", s -> s.watch(selection, settings, files));
    }

    public void watch(Object... paths) {
        watch(Map.of(), paths);
    }

    /**
     * Downloads files or trees from a server's {@code serveFiles} (framed protocol, version 2):
     * {@code fetch 'dist/app.jar', 'docs', into: 'downloads'}. Each arrives verified, under a hidden name until complete,
     * keeping the server's paths; a file held here unchanged is skipped, a cut one resumes, one that differs stays
     * untouched (the fetch fails for it) unless {@code overwrite: true} or another {@code naming} says otherwise. Options:
     * {@code into} (default: the script's directory), {@code naming}, {@code overwrite}, {@code resume}, {@code digest},
     * {@code compress} (default: as the client's {@code compress}), {@code onFile: { f -> }} (called with each
     * {@link StoredFile} once it is in place; what it throws fails the step after the files are stored).
     */
    public void fetch(Map<String, ?> options, Object... paths) {
        checkOpen("fetch");
        if (paths.length == 0) throw new DslException("fetch needs a path: fetch 'dist/app.jar' (relative to what the server serves)");
        FetchSettings settings = FetchSettings.of(options, model);
        List<String> wanted = new ArrayList<>();
        for (Object p : paths) wanted.add(FetchSettings.remotePath(p));
        sendsFiles = true;
        step("fetch", s -> s.fetch(wanted, settings.local(), settings.options(files), settings.onFile()));
    }

    public void fetch(Object... paths) {
        fetch(Map.of(), paths);
    }

    /**
     * What a server serves under {@code path} ({@code ''}: all of it), one line each ({@code size  time  path}) on the
     * output, or to your closure as a list of {@code RemoteFile} ({@code path}, {@code size}, {@code modified}).
     */
    public void list(Object path, @ClosureParams(value = groovy.transform.stc.FromString.class, options = "java.util.List<io.ftrun.core.files.RemoteFile>") Closure<?> block) {
        checkOpen("list");
        String remote = FetchSettings.remotePath(path);
        step("list", s -> {
            List<io.ftrun.core.files.RemoteFile> found = s.list(remote, files);
            if (block != null) {
                block.call(found);
            } else {
                for (io.ftrun.core.files.RemoteFile f : found) System.out.printf("%12d  %s  %s%n", f.size(), f.modified(), f.path());
            }
        });
    }

    public void list(Object path) {
        list(path, null);
    }

    /** Reads the next message and fails unless it equals {@code text}. */
    public void expect(String text) {
        step("expect", s -> {
            Message m = s.receive();
            if (m == null) throw new DslException("expected '" + text + "' but the server closed the connection");
            if (!m.text().equals(text)) throw new DslException("expected '" + text + "' but received '" + io.ftrun.core.event.Sanitize.forLog(m.text()) + "'");
        });
    }

    /** Reads the next message and fails unless the closure returns true for it. */
    public void expect(@ClosureParams(value = SimpleType.class, options = "io.ftrun.core.Message")
                       @DelegatesTo(value = Connection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> check) {
        step("expect", s -> {
            Message m = s.receive();
            if (m == null) throw new DslException("expected a message but the server closed the connection");
            Object ok = Closures.forCall(check, s.connection()).call(m);
            if (!org.codehaus.groovy.runtime.DefaultGroovyMethods.asBoolean(ok)) {
                throw new DslException("unexpected message '" + io.ftrun.core.event.Sanitize.forLog(m.text()) + "'");
            }
        });
    }

    /** Reads the next message and hands it to the closure (null when the server closed). */
    public void receive(@ClosureParams(value = SimpleType.class, options = "io.ftrun.core.Message")
                        @DelegatesTo(value = Connection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> consumer) {
        step("receive", s -> Closures.forCall(consumer, s.connection()).call(s.receive()));
    }

    /** Reads and records the next message (see {@link ClientResult#received()}). */
    public void receive() {
        step("receive", s -> s.receive());
    }

    /** Your own code with the open connection: {@code session { conn -> ... }}. */
    public void session(@ClosureParams(value = SimpleType.class, options = "io.ftrun.core.Connection")
                        @DelegatesTo(value = Connection.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        step("session", s -> Closures.forCall(block, s.connection()).call(s.connection()));
    }

    /** Waits: {@code pause '200ms'}. */
    public void pause(Object duration) {
        Duration d = Values.duration(duration, "pause");
        step("pause", s -> Thread.sleep(d.toMillis()));
    }

    /** Half-closes: tells the server this client is done sending, while still reading its answers. */
    public void finish() {
        step("finish", s -> s.connection().shutdownOutput());
    }

    private void step(String what, ClientSteps.Step.Body body) {
        step(what, body, null);
    }

    private void step(String what, ClientSteps.Step.Body body, Runnable before) {
        checkOpen(what);
        steps.add(what, ScriptLines.current(model.scriptFile()), body, before);
    }

    void validate() {
        if (host == null) throw new DslException("client '" + name + "' has no connect: add connect 'host', port");
    }

    /** Connects and runs the steps; never throws, the outcome is in the result. */
    ClientResult run(EventListener listener) {
        return run(listener, ClientRuntime.standalone());
    }

    ClientResult run(EventListener listener, ClientRuntime runtime) {
        return steps.run(name, index, connectLine, runtime, session -> configWith(e -> {
            if (listener != null) listener.onEvent(e);
            session.heard(e);
        }));
    }

    private ClientConfig configWith(EventListener listener) {
        ClientConfig.Builder b = builder.host(host.get()).port(port.get()).codec(codec != null ? codec : Codecs.chunks(64 * 1024));
        return b.build().toBuilder().listener(listener).build();
    }
}
