package io.ftrun.dsl;

/**
 * A plugin, applied by {@code plugins { id 'name' }}. Found with {@link java.util.ServiceLoader} on the classpath
 * or in a plugin path given to {@code ftrun --plugins}. List the class in
 * {@code META-INF/services/io.ftrun.dsl.FtrunPlugin}.
 */
public interface FtrunPlugin {
    /** The id scripts apply it by, e.g. {@code shout}. */
    String id();

    /** Adds the plugin's blocks, handlers and naming policies. */
    void apply(PluginContext context);
}
