package io.ftrun.dsl;

import io.ftrun.dsl.internal.PluginRegistry;

/** {@code plugins { id 'name' }}. */
public final class PluginsSpec extends Spec {
    private final PluginRegistry registry;

    PluginsSpec(ScriptModel model, PluginRegistry registry) {
        super(model, "plugins");
        this.registry = registry;
    }

    /** Applies the plugin with this id, found on the classpath or in {@code --plugins}. */
    public void id(String id) {
        checkOpen("id");
        registry.apply(id);
        model.addPlugin(id);
    }
}
