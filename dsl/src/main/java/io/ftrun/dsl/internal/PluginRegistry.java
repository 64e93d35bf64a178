package io.ftrun.dsl.internal;

import io.ftrun.core.Handler;
import io.ftrun.dsl.DslException;
import io.ftrun.dsl.FtrunPlugin;
import io.ftrun.dsl.Params;
import io.ftrun.dsl.PluginContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;

/** The plugins a script applied and what they added. */
public final class PluginRegistry implements PluginContext {
    private final ClassLoader loader;
    private final Params params;
    private final Map<String, HandlerBlock<?>> handlers = new HashMap<>();
    private final Map<String, Function<Object[], Object>> functions = new HashMap<>();
    private final List<String> applied = new ArrayList<>();

    public PluginRegistry(ClassLoader loader, Params params) {
        this.loader = loader;
        this.params = params;
    }

    /** A handler block contributed by a plugin. */
    public record HandlerBlock<S>(Supplier<S> specFactory, Function<S, Handler> handlerFactory) {
    }

    /** Finds the plugin by id and applies it once. */
    public void apply(String id) {
        if (applied.contains(id)) return;
        List<String> known = new ArrayList<>();
        for (FtrunPlugin p : ServiceLoader.load(FtrunPlugin.class, loader)) {
            if (p.id().equals(id)) {
                p.apply(this);
                applied.add(id);
                return;
            }
            known.add(p.id());
        }
        throw new DslException("no plugin with id '" + id + "'" + (known.isEmpty()
                ? " (no plugins found: put plugin jars on the classpath or pass --plugins DIR)"
                : " (available: " + String.join(", ", known) + ")"));
    }

    public List<String> applied() {
        return List.copyOf(applied);
    }

    @Override
    public <S> void handler(String name, Supplier<S> specFactory, Function<S, Handler> handlerFactory) {
        if (handlers.containsKey(name)) throw new DslException("two plugins add a handler block named '" + name + "'");
        handlers.put(name, new HandlerBlock<>(specFactory, handlerFactory));
    }

    @Override
    public void function(String name, Function<Object[], Object> function) {
        if (functions.containsKey(name)) throw new DslException("two plugins add a function named '" + name + "'");
        functions.put(name, function);
    }

    @Override
    public Params params() {
        return params;
    }

    public HandlerBlock<?> handlerBlock(String name) {
        return handlers.get(name);
    }

    public Function<Object[], Object> function(String name) {
        return functions.get(name);
    }
}
