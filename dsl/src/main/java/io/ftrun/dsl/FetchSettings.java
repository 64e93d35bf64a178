package io.ftrun.dsl;

import io.ftrun.core.files.FileProtocol;
import io.ftrun.core.files.FileReceiverConfig;
import io.ftrun.core.files.NamingPolicies;
import io.ftrun.core.files.NamingPolicy;
import io.ftrun.core.files.OnCollision;
import io.ftrun.core.files.SendOptions;
import io.ftrun.dsl.internal.Values;

import java.util.Map;
import java.util.Set;

/** A {@code fetch} step's options, read at its script line: where and how the files are stored here. */
final class FetchSettings {
    private static final Set<String> OPTIONS = Set.of("into", "naming", "overwrite", "resume", "digest", "compress", "onFile");
    private final FileReceiverConfig local;
    private final Boolean compress; // null: as the client says
    private final FileHook onFile;

    private FetchSettings(FileReceiverConfig local, Boolean compress, FileHook onFile) {
        this.local = local;
        this.compress = compress;
        this.onFile = onFile;
    }

    static FetchSettings of(Map<String, ?> options, ScriptModel model) {
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) throw new DslException("unknown fetch option '" + k + "' (expected " + String.join(", ", new java.util.TreeSet<>(OPTIONS)) + ")");
        }
        boolean overwrite = options.containsKey("overwrite") && Values.bool(options.get("overwrite"), "overwrite");
        Object naming = options.get("naming");
        if (naming != null && !(naming instanceof NamingPolicy)) {
            throw new DslException("fetch naming must be a naming policy such as original() or counter('file_%d'), not '" + naming + "'");
        }
        if (naming != null && options.containsKey("overwrite")) throw new DslException("fetch takes naming or overwrite, not both");
        FileReceiverConfig.Builder b = FileReceiverConfig.builder()
                .directory(model.resolve(options.containsKey("into") ? options.get("into") : "."))
                .protocol(FileProtocol.FRAMED)
                .naming(naming != null ? (NamingPolicy) naming : NamingPolicies.original(overwrite ? OnCollision.OVERWRITE : OnCollision.REJECT));
        if (options.containsKey("resume")) b.allowResume(Values.bool(options.get("resume"), "resume"));
        if (options.containsKey("digest")) b.digests(String.valueOf(options.get("digest")));
        Boolean compress = options.containsKey("compress") ? Values.bool(options.get("compress"), "compress") : null;
        Object hook = options.get("onFile");
        if (hook != null && !(hook instanceof groovy.lang.Closure)) throw new DslException("fetch onFile must be a closure: onFile: { f -> ... }");
        FileHook onFile = hook == null ? null : new FileHook((groovy.lang.Closure<?>) hook, model.scriptFile(),
                io.ftrun.dsl.internal.ScriptLines.current(model.scriptFile()));
        b.confirmBeforeEvents(onFile != null); // the server has each DONE while the hook runs
        return new FetchSettings(b.build(), compress, onFile);
    }

    FileReceiverConfig local() {
        return local;
    }

    /** Called for each file this fetch stores, or null. */
    FileHook onFile() {
        return onFile;
    }

    /** The client's settings, with this step's {@code compress:} where it has one. */
    SendOptions options(FileSendSettings client) {
        SendOptions.Builder b = client.builder();
        if (compress != null) b.compress(compress);
        return b.build();
    }

    /** A path on the server, as written: relative, '/' between components ('' or '.' for everything served). */
    static String remotePath(Object p) {
        String s = String.valueOf(p);
        if (s.equals(".") || s.equals("./") || s.equals("/")) return "";
        while (s.endsWith("/") && s.length() > 1) s = s.substring(0, s.length() - 1);
        return s;
    }
}
