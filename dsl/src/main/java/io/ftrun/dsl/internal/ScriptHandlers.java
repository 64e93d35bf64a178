package io.ftrun.dsl.internal;

import groovy.lang.Closure;
import io.ftrun.core.Connection;
import io.ftrun.core.Handler;
import io.ftrun.core.Message;
import io.ftrun.core.handler.ConnectionGroup;
import io.ftrun.core.handler.Handlers;
import io.ftrun.dsl.ScriptError;
import io.ftrun.dsl.ScriptProblem;
import java.io.IOException;
import java.time.Duration;

/** Handlers built from script closures: each connection gets its own copy of the closure. */
public final class ScriptHandlers {
    private ScriptHandlers() {
    }

    public static Handler custom(Closure<?> block, String scriptFile) {
        return conn -> {
            Closure<?> c = Closures.forCall(block, conn);
            try {
                c.call(conn);
            } catch (Throwable t) {
                throw located(t, scriptFile);
            }
        };
    }

    public static Handler reply(Closure<?> block, String scriptFile) {
        return Handlers.reply((conn, msg) -> {
            Closure<?> c = Closures.forCall(block, conn);
            try {
                return c.getMaximumNumberOfParameters() >= 2 ? c.call(msg, conn) : c.call(msg);
            } catch (Throwable t) {
                throw located(t, scriptFile);
            }
        });
    }

    public static Handler greeter(String message, Duration interval, int rounds, Closure<?> onAnswer, String scriptFile) {
        return Handlers.greeter(message, interval, rounds, onAnswer == null ? null : (Connection conn, Message msg) -> {
            Closure<?> c = Closures.forCall(onAnswer, conn);
            try {
                if (c.getMaximumNumberOfParameters() >= 2) c.call(msg, conn); else c.call(msg);
            } catch (Throwable t) {
                throw ScriptHandlers.<RuntimeException>sneaky(located(t, scriptFile));
            }
        });
    }

    public static Handler chat(String room, int queue) {
        return Handlers.chat(new ConnectionGroup(room, queue));
    }

    /**
     * Failures of the peer (I/O) pass through as they are; failures of the script's own code are tagged with
     * the script line so the log says where to look.
     */
    static Exception located(Throwable t, String scriptFile) {
        Throwable root = ScriptErrors.unwrap(t);
        if (root instanceof IOException) return (IOException) root;
        return new ScriptError(ScriptErrors.problem(root, scriptFile, ScriptProblem.Code.SCRIPT, null, 0));
    }

    /** Rethrows a checked I/O failure through a callback interface that declares none, keeping its type. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
