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
    private volatile Runnable stopper = () -> { };

    public ScriptContext(ScriptModel model, Params params, ScriptLog log, ClassLoader pluginLoader) {
        this.model = model;
        this.params = params;
        this.log = log;
        this.plugins = new PluginRegistry(pluginLoader, params);
    }

    public ScriptModel model() { return model; }
    public Params params() { return params; }
    public ScriptLog log() { return log; }
    PluginRegistry plugins() { return plugins; }
    /** Relative paths in the script resolve against this directory ({@link ScriptModel#resolve}). */
    public Path baseDir() { return model.baseDir(); }

    /** Installed by the execution: what {@code shutdown()} in a script does. */
    public void onStop(Runnable r) {
        this.stopper = r;
    }

    void stop() {
        stopper.run();
    }
}
