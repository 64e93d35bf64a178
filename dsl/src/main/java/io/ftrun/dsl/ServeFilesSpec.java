package io.ftrun.dsl;

import io.ftrun.core.files.ServeConfig;
import io.ftrun.dsl.internal.SecretValues;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code serveFiles { from 'dist'; token env: 'FTRUN_FETCH_TOKEN'; allow '*.tar.gz', 'docs/**' }}: clients may list and
 * fetch the regular files below {@code from} (framed protocol, version 2), read-only, never through a symbolic link
 * and never outside it. With {@code receiveFiles} in the same server, one port both receives and serves.
 */
public final class ServeFilesSpec extends Spec {
    private final ServeConfig.Builder builder = ServeConfig.builder();
    private Path from;

    ServeFilesSpec(ScriptModel model) {
        super(model, "serveFiles");
    }

    /** The directory served (relative to the script's directory); it must exist. */
    public void from(Object dir) {
        set("from", () -> {
            from = model.resolve(dir);
            builder.directory(from);
        });
    }

    /**
     * The shared secret a client must present to download, from a file or the environment: {@code token file: 'fetch.txt'}.
     * It may differ from {@code receiveFiles}' token: each opens its own side.
     */
    public void token(Map<String, ?> source) {
        set("token", () -> builder.token(SecretValues.read(source, "token", model::resolve)));
    }

    /** Only paths matching these globs (relative to {@code from}) may be fetched: {@code allow '*.pdf', 'docs/**'}. */
    public void allow(String... globs) {
        set("allow", () -> builder.allow(globs));
    }

    ServeConfig toConfig() {
        if (from == null) throw new DslException("serveFiles needs a directory: from 'dist'");
        if (!Files.isDirectory(from)) throw new DslException("serveFiles: " + from + " is not a directory");
        return builder.build();
    }
}
