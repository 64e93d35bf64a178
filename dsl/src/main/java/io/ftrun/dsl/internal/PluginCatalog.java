package io.ftrun.dsl.internal;

import io.ftrun.core.Handler;
import io.ftrun.dsl.FtrunPlugin;
import io.ftrun.dsl.Params;
import io.ftrun.dsl.PluginContext;

import java.util.HashSet;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The handler blocks the plugins on a class path would add: used by {@code --static} compilation, which must
 * accept {@code upper { }} in a server block when a plugin provides it, and only then.
 */
public final class PluginCatalog {
    private PluginCatalog() {
    }

    public static Set<String> handlerBlocks(ClassLoader loader) {
        Set<String> names = new HashSet<>();
        PluginContext recorder = new PluginContext() {
            @Override
            public <S> void handler(String name, Supplier<S> specFactory, Function<S, Handler> handlerFactory) {
                names.add(name);
            }

            @Override
            public void function(String name, Function<Object[], Object> function) {
                names.add(name);
            }

            @Override
            public Params params() {
                return new Params();
            }
        };
        for (FtrunPlugin p : ServiceLoader.load(FtrunPlugin.class, loader)) {
            try {
                p.apply(recorder);
            } catch (RuntimeException e) {
                // a plugin that cannot be applied here will say so when the script applies it
            }
        }
        return names;
    }
}
