package io.ftrun.dsl.testplugin;

import io.ftrun.core.handler.Handlers;
import io.ftrun.dsl.FtrunPlugin;
import io.ftrun.dsl.PluginContext;

/** A test plugin: {@code upper { prefix '> ' }} answers each message in capitals. */
public final class UpperPlugin implements FtrunPlugin {
    /** The block's spec. */
    public static final class UpperSpec {
        String prefix = "";

        public void prefix(String p) {
            prefix = p;
        }
    }

    @Override
    public String id() {
        return "upper";
    }

    @Override
    public void apply(PluginContext context) {
        context.handler("upper", UpperSpec::new, spec -> Handlers.reply((conn, msg) -> spec.prefix + msg.text().toUpperCase()));
    }
}
