package io.ftrun.samples.plugin;

import io.ftrun.core.handler.Handlers;
import io.ftrun.dsl.FtrunPlugin;
import io.ftrun.dsl.PluginContext;

import java.util.Locale;

/**
 * A small custom plugin: {@code plugins { id 'shout' }} adds a handler block
 * {@code shout { prefix '> '; exclaim true }} that answers every message in capitals.
 * Registered in {@code META-INF/services/io.ftrun.dsl.FtrunPlugin}; run with {@code ftrun --plugins DIR_OR_JAR}.
 */
public final class ShoutPlugin implements FtrunPlugin {
    /** The settings of the {@code shout { }} block. */
    public static final class ShoutSpec {
        private String prefix = "";
        private boolean exclaim;

        /** Text put before every answer. */
        public void prefix(String prefix) {
            this.prefix = prefix;
        }

        /** Add a '!' to every answer. */
        public void exclaim(boolean on) {
            this.exclaim = on;
        }
    }

    @Override
    public String id() {
        return "shout";
    }

    @Override
    public void apply(PluginContext context) {
        context.handler("shout", ShoutSpec::new, spec -> Handlers.reply((conn, msg) ->
                spec.prefix + msg.text().toUpperCase(Locale.ROOT) + (spec.exclaim ? "!" : "")));
    }
}
