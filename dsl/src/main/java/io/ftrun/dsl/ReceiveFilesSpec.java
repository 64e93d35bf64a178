package io.ftrun.dsl;

import groovy.lang.Closure;
import groovy.transform.stc.ClosureParams;
import groovy.transform.stc.SimpleType;
import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.NameRequest;
import io.ftrun.core.files.NamingPolicy;
import io.ftrun.dsl.internal.SecretValues;
import io.ftrun.dsl.internal.Values;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code receiveFiles { into 'received'; naming counter('file_%d.pdf'); protocol 'raw'; maxSize '2GB' }}:
 * store what clients send, never overwriting and never exposing a half-written file.
 */
public final class ReceiveFilesSpec extends Spec {
    private final FileReceiverConfig.Builder builder = FileReceiverConfig.builder();
    private boolean directorySet;
    private FileHook onFile;

    ReceiveFilesSpec(ScriptModel model) {
        super(model, "receiveFiles");
    }

    /** The target directory (relative to the working directory); created if missing. */
    public void into(Object dir) {
        set("into", () -> builder.directory(model.resolve(dir)));
        directorySet = true;
    }

    /** How files are named: {@code counter(...)}, {@code timestamp(...)}, {@code uuid()}, {@code original(...)}, {@code template(...)}. */
    public void naming(NamingPolicy policy) {
        set("naming", () -> builder.naming(policy));
    }

    /** Your own naming code: {@code naming { req -> "${req.remoteHost()}_${req.originalFileName()}" }}. */
    public void naming(@ClosureParams(value = SimpleType.class, options = "io.ftrun.core.files.NameRequest")
                       @groovy.lang.DelegatesTo(value = NameRequest.class, strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        set("naming", () -> builder.naming(ScriptNaming.custom(block)));
    }

    /**
     * {@code 'raw'} (bytes until the client closes: nc, the tutorial client), {@code 'framed'} (verified,
     * resumable) or {@code 'auto'} (framed when the client speaks it, raw otherwise).
     */
    public void protocol(String protocol) {
        checkOpen("protocol");
        builder.protocol(Values.choice(FileProtocol.class, protocol, "protocol"));
    }

    /** The largest file accepted: {@code maxSize '2GB'}. */
    public void maxSize(Object size) {
        set("maxSize", () -> builder.maxFileSize(Values.size(size, "maxSize")));
    }

    /** Space that must stay free on the disk: {@code minFreeSpace '1GB'}. */
    public void minFreeSpace(Object size) {
        set("minFreeSpace", () -> builder.minFreeSpace(Values.size(size, "minFreeSpace")));
    }

    /** Force each file to the disk before reporting it received. */
    public void fsync(Object on) {
        set("fsync", () -> builder.fsync(Values.bool(on, "fsync")));
    }

    /** Keep partial framed uploads so the sender can resume them (on by default). */
    public void resume(Object on) {
        set("resume", () -> builder.allowResume(Values.bool(on, "resume")));
    }

    /**
     * The shared secret framed senders must present, from a file or the environment (never written in the script):
     * {@code token file: 'token.txt'} or {@code token env: 'FTRUN_TOKEN'}. Plain text on the wire unless the server
     * uses TLS.
     */
    public void token(Map<String, ?> source) {
        set("token", () -> builder.token(SecretValues.read(source, "token", model::resolve)));
    }

    /** Digest algorithms senders may use with the framed protocol, e.g. {@code digests 'crc32c', 'sha256'}. */
    public void digests(String... algorithms) {
        set("digests", () -> builder.digests(algorithms));
    }

    /**
     * This receiver's identity when several share one directory (behind a load balancer): {@code instance 'rx-1'}.
     * {@code counter} and {@code timestamp} names then carry it ({@code file_rx-1_7.pdf}), templates place it with
     * {@code {instance}}, and each instance numbers only its own files.
     */
    public void instance(Object id) {
        set("instance", () -> builder.instance(id == null ? null : id.toString()));
    }

    /**
     * How long a framed HELLO, and each header after it, may take to arrive whole: {@code headerTimeout '5s'}.
     * A trickle of bytes does not extend it. {@code '0s'} turns it off.
     */
    public void headerTimeout(Object d) {
        set("headerTimeout", () -> builder.headerTimeout(Values.duration(d, "headerTimeout")));
    }

    /**
     * The slowest a sender may send a file, per second on average, counted after a grace of 10 s:
     * {@code minRate '1KB'}; {@code 0} turns it off.
     */
    public void minRate(Object bytesPerSecond) {
        minRate(Map.of(), bytesPerSecond);
    }

    /** {@code minRate '1KB', grace: '30s'}: the minimum rate, counted from {@code grace} into each file. */
    public void minRate(Map<String, ?> options, Object bytesPerSecond) {
        for (String k : options.keySet()) {
            if (!k.equals("grace")) throw new DslException("unknown minRate option '" + k + "' (expected grace)");
        }
        set("minRate", () -> builder.minRate(Values.size(bytesPerSecond, "minRate"), options.containsKey("grace")
                ? Values.duration(options.get("grace"), "minRate grace") : FileReceiverConfig.DEFAULT_MIN_RATE_GRACE));
    }

    /**
     * Called once for each file stored, after it is complete, verified and under its final name:
     * {@code onFile { f -> f.path ... }} with a {@link StoredFile} (path, name, original, size, algorithm, digest,
     * remote). The file's confirmation is on its way to the sender before the hook runs. It runs on the connection's
     * thread, before the next file of that connection; what it throws is reported with its line and counted as a
     * failure of the server, and the file stays stored.
     */
    public void onFile(@ClosureParams(value = SimpleType.class, options = "io.ftrun.dsl.StoredFile") Closure<?> block) {
        checkOpen("onFile");
        if (onFile != null) throw new DslException("onFile is given once per receiveFiles");
        onFile = new FileHook(block, model.scriptFile(), io.ftrun.dsl.internal.ScriptLines.current(model.scriptFile()));
        builder.confirmBeforeEvents(true); // the sender has its DONE while the hook runs
    }

    FileHook hook() {
        return onFile;
    }

    FileReceiverConfig toConfig() {
        if (!directorySet) into(".");
        try {
            return builder.build();
        } catch (NullPointerException e) {
            throw new DslException(e.getMessage()); // a setting left unset: requireNonNull names it
        }
    }
}
