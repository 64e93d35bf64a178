package io.ftrun.dsl;

import io.ftrun.dsl.internal.PluginRegistry;

import java.nio.file.Path;

/**
 * Everything a script run shares: the model being declared, parameters, the log, plugins, and the hook that
 * stops the run. One per run; nothing static, so runs in one JVM never see each other.
 */
public final class ScriptContext {
    private final ScriptModel model;
    private final Params params;
    private final ScriptLog log;
    private final PluginRegistry plugins;
    private final Path baseDir;
    private volatile Runnable stopper = () -> { };

    public ScriptContext(ScriptModel model, Params params, ScriptLog log, ClassLoader pluginLoader, Path baseDir) {
        this.model = model;
        this.params = params;
        this.log = log;
        this.plugins = new PluginRegistry(pluginLoader, params);
        this.baseDir = baseDir;
    }

    public ScriptModel model() { return model; }
    public Params params() { return params; }
    public ScriptLog log() { return log; }
    public PluginRegistry plugins() { return plugins; }
    /** Relative paths in the script resolve against this directory (the working directory). */
    public Path baseDir() { return baseDir; }

    /** Installed by the execution: what {@code shutdown()} in a script does. */
    public void onStop(Runnable r) {
        this.stopper = r;
    }

    void stop() {
        stopper.run();
    }
}
