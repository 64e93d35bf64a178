package io.ftrun.dsl;

import io.ftrun.core.Client;
import io.ftrun.core.ClientConfig;
import io.ftrun.core.Connection;
import io.ftrun.dsl.internal.ScriptErrors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A client's steps as the script declared them, and running them in order on one connection. Kept apart from
 * {@link ClientSpec}, which is only the vocabulary that records them.
 */
final class ClientSteps {
    private final String scriptFile;
    private final List<Step> steps = new ArrayList<>();

    ClientSteps(String scriptFile) {
        this.scriptFile = scriptFile;
    }

    void add(String what, int line, Step.Body body) {
        add(what, line, body, null);
    }

    /** @param before what can be checked before connecting (that the files to send exist), or null */
    void add(String what, int line, Step.Body body, Runnable before) {
        steps.add(new Step(what, line, body, before));
    }

    /** Connects and runs the steps; never throws, the outcome is in the result. */
    ClientResult run(String name, int index, int connectLine, ClientRuntime runtime, Function<ClientSession, ClientConfig> config) {
        long t0 = System.nanoTime();
        ClientSession session = new ClientSession(scriptFile, runtime);
        ScriptProblem problem = null;
        Step current = null;
        try {
            ClientConfig cfg = config.apply(session);
            // A missing file fails at once, connecting to nothing. Only the first step's: a later one's file may be
            // made by the steps before it (a fetch, the script's code, an upload to this script's own server).
            if (!steps.isEmpty() && steps.get(0).before() != null) {
                current = steps.get(0);
                current.before().run();
                current = null;
            }
            try (Connection c = Client.connect(cfg)) {
                session.open(c, () -> Client.connect(cfg));
                try {
                    for (Step s : steps) {
                        current = s;
                        s.body().run(session);
                    }
                    session.close();
                } finally {
                    session.release();
                }
            }
        } catch (Throwable t) {
            String block = "client '" + name + "' " + (current == null ? "connect" : current.name());
            problem = ScriptErrors.problem(t, scriptFile, ScriptProblem.Code.CLIENT, block, current != null ? current.line() : connectLine);
        }
        return session.result(name, index, problem, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** One recorded step, the script line that declared it, and what it checks before connecting (or null). */
    record Step(String name, int line, Body body, Runnable before) {
        @FunctionalInterface
        interface Body {
            void run(ClientSession session) throws Exception;
        }
    }
}
