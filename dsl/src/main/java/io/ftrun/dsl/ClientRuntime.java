package io.ftrun.dsl;

import java.util.function.BooleanSupplier;

/** What a running client may need of the run around it: the script's log, and whether the run is being stopped. */
record ClientRuntime(ScriptLog log, BooleanSupplier stopRequested) {
    /** For a client run alone (tests): messages on standard error, never stopped but by an interrupt. */
    static ClientRuntime standalone() {
        return new ClientRuntime(new ScriptLog(System.err, ScriptLog.Level.INFO), () -> false);
    }
}
