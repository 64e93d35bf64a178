package io.ftrun.dsl;

import io.ftrun.core.Handler;

import java.util.function.Function;
import java.util.function.Supplier;

/** What a plugin can add to the DSL. */
public interface PluginContext {
    /**
     * Adds a handler block usable inside {@code server { }}: {@code name { ...configures a spec... }} or just
     * {@code name()}. The spec is created by {@code specFactory}, configured by the script's closure (delegate
     * first), and turned into a handler by {@code handlerFactory} when the server starts.
     */
    <S> void handler(String name, Supplier<S> specFactory, Function<S, Handler> handlerFactory);

    /** Adds a top-level script function, e.g. a naming policy factory: {@code name(args...)}. */
    void function(String name, Function<Object[], Object> function);

    /** The script's parameters, for plugins with settings. */
    Params params();
}
